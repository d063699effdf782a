// Package secret encrypts the secrets secexport keeps at rest — Logic App
// trigger URLs, Event Hubs connection strings, Kafka passwords — with
// AES-256-GCM under one key per installation. The key comes from the
// environment (SECEXPORT_SECRET_KEY) or from a key file in the data directory,
// created with mode 0600 on first start. A sealed value is text, so it can
// stand in a JSON document where the plain value stood.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length of a key: AES-256.
const KeySize = 32

// Prefix starts every sealed value: the scheme and its version, then the
// standard base64 of nonce and ciphertext (with the GCM tag).
const Prefix = "enc:v1:"

// ErrWrongKey is returned when a sealed value does not open with the key: the
// key is not the one it was sealed with, or the value was altered.
var ErrWrongKey = errors.New("the secret key does not open this value: it is not the key the value was encrypted with (check SECEXPORT_SECRET_KEY or the data directory's secret.key), or the stored value was altered")

// ErrMalformed is returned for a value that has Prefix but is not base64 of
// a nonce and a ciphertext.
var ErrMalformed = errors.New("secret: a stored sealed value is malformed (not base64 of nonce and ciphertext)")

// Box seals and opens values with one key. It is safe for concurrent use.
type Box struct {
	aead cipher.AEAD
}

// New returns a Box for a KeySize-byte key.
func New(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secret: a key is %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal encrypts plain under a fresh random nonce. context binds the value to
// what it is (a field name, say): it must be given again to Open, so a value
// moved to another field does not open. The empty string stays empty.
func (b *Box) Seal(plain, context string) (string, error) {
	if plain == "" {
		return "", nil
	}
	nonce := make([]byte, b.aead.NonceSize(), b.aead.NonceSize()+len(plain)+b.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("secret: reading random nonce: %w", err)
	}
	sealed := b.aead.Seal(nonce, nonce, []byte(plain), []byte(context))
	return Prefix + base64.StdEncoding.EncodeToString(sealed), nil
}

// Open decrypts a value made by Seal with the same context. A value without
// Prefix is not sealed and is returned as it is: values stored before
// encryption at rest still read. A sealed value that does not open gives
// ErrWrongKey; the error never holds the value.
func (b *Box) Open(value, context string) (string, error) {
	rest, ok := strings.CutPrefix(value, Prefix)
	if !ok {
		return value, nil
	}
	raw, err := base64.StdEncoding.DecodeString(rest)
	if err != nil || len(raw) < b.aead.NonceSize()+b.aead.Overhead() {
		return "", ErrMalformed
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], []byte(context))
	if err != nil {
		return "", ErrWrongKey
	}
	return string(plain), nil
}

// IsSealed reports whether value was made by Seal (by its prefix).
func IsSealed(value string) bool { return strings.HasPrefix(value, Prefix) }
