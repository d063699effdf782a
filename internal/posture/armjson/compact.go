// Package armjson handles ARM resource JSON the way secexport stores and exports
// it: an object is an ordered list of members whose values stay raw bytes, so a
// record keeps every field and the key order its producer sent, and rewriting one
// field re-encodes nothing else.
//
// Compact validates untrusted input once; everything else here trusts its input
// to be valid JSON (as a stored record body is) and only finds boundaries.
package armjson

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf8"
)

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 512

// Compact validates src as exactly one JSON value (RFC 8259, UTF-8) and returns
// it without insignificant whitespace. When src has none, Compact returns src
// itself without copying.
func Compact(src []byte) ([]byte, error) {
	if !utf8.Valid(src) {
		return nil, errors.New("invalid JSON: not valid UTF-8")
	}
	c := compactor{src: src}
	c.space()
	if err := c.value(0); err != nil {
		return nil, err
	}
	end := c.pos
	for c.pos < len(src) && isSpace(src[c.pos]) {
		c.pos++
	}
	if c.pos < len(src) {
		return nil, c.errorf("unexpected %q after the top-level value", src[c.pos])
	}
	if c.dst == nil {
		return src[c.mark:end], nil
	}
	return append(c.dst, src[c.mark:end]...), nil
}

// compactor is a recursive-descent validator that drops whitespace lazily: dst
// is allocated only when the first whitespace to drop is found.
type compactor struct {
	src  []byte
	pos  int
	mark int // src[mark:pos] is valid and not yet copied to dst
	dst  []byte
}

func (c *compactor) errorf(format string, args ...any) error {
	return fmt.Errorf("invalid JSON at offset %d: %s", c.pos, fmt.Sprintf(format, args...))
}

func (c *compactor) eof() error {
	return fmt.Errorf("invalid JSON: unexpected end of input at offset %d", c.pos)
}

// space skips whitespace at pos, cutting it out of the output.
func (c *compactor) space() {
	start := c.pos
	for c.pos < len(c.src) && isSpace(c.src[c.pos]) {
		c.pos++
	}
	if c.pos == start {
		return
	}
	if start == 0 && c.dst == nil {
		c.mark = c.pos // leading whitespace: just start later
		return
	}
	if c.dst == nil {
		c.dst = make([]byte, 0, len(c.src))
	}
	c.dst = append(c.dst, c.src[c.mark:start]...)
	c.mark = c.pos
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\r' || b == '\t' }

func (c *compactor) value(depth int) error {
	if c.pos >= len(c.src) {
		return c.eof()
	}
	switch b := c.src[c.pos]; {
	case b == '{':
		return c.object(depth + 1)
	case b == '[':
		return c.array(depth + 1)
	case b == '"':
		return c.string()
	case b == '-' || '0' <= b && b <= '9':
		return c.number()
	case b == 't':
		return c.literal("true")
	case b == 'f':
		return c.literal("false")
	case b == 'n':
		return c.literal("null")
	default:
		return c.errorf("unexpected %q looking for a value", b)
	}
}

func (c *compactor) object(depth int) error {
	if depth > maxDepth {
		return c.errorf("nesting deeper than %d", maxDepth)
	}
	c.pos++ // {
	c.space()
	if c.pos < len(c.src) && c.src[c.pos] == '}' {
		c.pos++
		return nil
	}
	for {
		if c.pos >= len(c.src) {
			return c.eof()
		}
		if c.src[c.pos] != '"' {
			return c.errorf("unexpected %q looking for an object key", c.src[c.pos])
		}
		if err := c.string(); err != nil {
			return err
		}
		c.space()
		if c.pos >= len(c.src) {
			return c.eof()
		}
		if c.src[c.pos] != ':' {
			return c.errorf("unexpected %q after an object key", c.src[c.pos])
		}
		c.pos++
		c.space()
		if err := c.value(depth); err != nil {
			return err
		}
		c.space()
		if c.pos >= len(c.src) {
			return c.eof()
		}
		switch c.src[c.pos] {
		case ',':
			c.pos++
			c.space()
		case '}':
			c.pos++
			return nil
		default:
			return c.errorf("unexpected %q after an object value", c.src[c.pos])
		}
	}
}

func (c *compactor) array(depth int) error {
	if depth > maxDepth {
		return c.errorf("nesting deeper than %d", maxDepth)
	}
	c.pos++ // [
	c.space()
	if c.pos < len(c.src) && c.src[c.pos] == ']' {
		c.pos++
		return nil
	}
	for {
		if err := c.value(depth); err != nil {
			return err
		}
		c.space()
		if c.pos >= len(c.src) {
			return c.eof()
		}
		switch c.src[c.pos] {
		case ',':
			c.pos++
			c.space()
		case ']':
			c.pos++
			return nil
		default:
			return c.errorf("unexpected %q after an array element", c.src[c.pos])
		}
	}
}

// stringStop marks the bytes that end a run of plain string content.
var stringStop = func() (t [256]bool) {
	for b := range 0x20 {
		t[b] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// Word-at-a-time tests (SWAR): whether any byte of a little-endian word is
// zero, or below 0x20.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

func hasZero(w uint64) bool    { return (w-lsb)&^w&msb != 0 }
func hasControl(w uint64) bool { return (w-0x20*lsb)&^w&msb != 0 }

func (c *compactor) string() error {
	c.pos++ // opening quote
	for {
		// Skip plain content eight bytes at a time, then byte by byte.
		for c.pos+8 <= len(c.src) {
			w := binary.LittleEndian.Uint64(c.src[c.pos:])
			if hasZero(w^('"'*lsb)) || hasZero(w^('\\'*lsb)) || hasControl(w) {
				break
			}
			c.pos += 8
		}
		for c.pos < len(c.src) && !stringStop[c.src[c.pos]] {
			c.pos++
		}
		if c.pos >= len(c.src) {
			return c.eof()
		}
		switch b := c.src[c.pos]; b {
		case '"':
			c.pos++
			return nil
		case '\\':
			if err := c.escape(); err != nil {
				return err
			}
		default:
			return c.errorf("control character %q in a string", b)
		}
	}
}

func (c *compactor) escape() error {
	c.pos++ // backslash
	if c.pos >= len(c.src) {
		return c.eof()
	}
	switch c.src[c.pos] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		c.pos++
		return nil
	case 'u':
		c.pos++
		for range 4 {
			if c.pos >= len(c.src) {
				return c.eof()
			}
			if !isHex(c.src[c.pos]) {
				return c.errorf("invalid \\u escape")
			}
			c.pos++
		}
		return nil
	}
	return c.errorf("invalid escape \\%c", c.src[c.pos])
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

func (c *compactor) number() error {
	if c.src[c.pos] == '-' {
		c.pos++
	}
	switch {
	case c.pos >= len(c.src):
		return c.eof()
	case c.src[c.pos] == '0':
		c.pos++
	case isDigit(c.src[c.pos]):
		c.digits()
	default:
		return c.errorf("invalid number")
	}
	if c.pos < len(c.src) && c.src[c.pos] == '.' {
		c.pos++
		if c.pos >= len(c.src) || !isDigit(c.src[c.pos]) {
			return c.errorf("invalid number: no digits after the decimal point")
		}
		c.digits()
	}
	if c.pos < len(c.src) && (c.src[c.pos] == 'e' || c.src[c.pos] == 'E') {
		c.pos++
		if c.pos < len(c.src) && (c.src[c.pos] == '+' || c.src[c.pos] == '-') {
			c.pos++
		}
		if c.pos >= len(c.src) || !isDigit(c.src[c.pos]) {
			return c.errorf("invalid number: no digits in the exponent")
		}
		c.digits()
	}
	return nil
}

func (c *compactor) digits() {
	for c.pos < len(c.src) && isDigit(c.src[c.pos]) {
		c.pos++
	}
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func (c *compactor) literal(lit string) error {
	if len(c.src)-c.pos < len(lit) || string(c.src[c.pos:c.pos+len(lit)]) != lit {
		return c.errorf("invalid literal, want %s", lit)
	}
	c.pos += len(lit)
	return nil
}
