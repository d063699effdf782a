package store

import (
	"fmt"

	"github.com/klauspost/compress/s2"
)

// Record bodies and event payloads are JSON of a few kilobytes, written once
// each and read back whole: they are stored S2-compressed, which roughly
// halves what every commit writes (and lets more rows share a page), for a
// microsecond or two of CPU. A compressed blob starts with a zero byte, which
// no JSON text does, so blobs written before compression still read as they are.
const (
	packedMagic = 0x00
	packMin     = 256 // smaller blobs are stored as they are
)

// pack returns b as stored.
func pack(b []byte) []byte {
	if len(b) < packMin {
		return b
	}
	out := make([]byte, 1+s2.MaxEncodedLen(len(b)))
	out[0] = packedMagic
	enc := s2.Encode(out[1:], b)
	return out[:1+len(enc)]
}

// unpack returns a stored blob's bytes.
func unpack(b []byte) ([]byte, error) {
	if len(b) == 0 || b[0] != packedMagic {
		return b, nil
	}
	out, err := s2.Decode(nil, b[1:])
	if err != nil {
		return nil, fmt.Errorf("stored blob is corrupt: %w", err)
	}
	return out, nil
}
