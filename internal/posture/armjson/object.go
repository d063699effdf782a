package armjson

import (
	"bytes"
	"errors"
	"fmt"
)

// Member is one member of a JSON object.
type Member struct {
	// Key is the key's bytes between its quotes, escapes as written.
	Key []byte
	// Value is the member's raw JSON value.
	Value []byte
}

// Object is a JSON object as its members in order.
type Object []Member

// Split returns the members of the JSON object data; the members point into
// data. It finds boundaries without validating: validate untrusted input with
// Compact first.
func Split(data []byte) (Object, error) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, errors.New("not a JSON object")
	}
	o := make(Object, 0, 8)
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return o, nil
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return nil, fmt.Errorf("malformed object at offset %d", i)
		}
		kend, err := skipString(data, i)
		if err != nil {
			return nil, err
		}
		key := data[i+1 : kend-1]
		i = skipSpace(data, kend)
		if i >= len(data) || data[i] != ':' {
			return nil, fmt.Errorf("malformed object at offset %d", i)
		}
		i = skipSpace(data, i+1)
		vend, err := skipValue(data, i)
		if err != nil {
			return nil, err
		}
		o = append(o, Member{Key: key, Value: data[i:vend]})
		i = skipSpace(data, vend)
		if i >= len(data) {
			return nil, errors.New("unterminated object")
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return o, nil
		default:
			return nil, fmt.Errorf("malformed object at offset %d", i)
		}
	}
}

// Elements returns the elements of the JSON array data; like Split, it trusts
// its input.
func Elements(data []byte) ([][]byte, error) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '[' {
		return nil, errors.New("not a JSON array")
	}
	var elems [][]byte
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return elems, nil
	}
	for {
		end, err := skipValue(data, i)
		if err != nil {
			return nil, err
		}
		elems = append(elems, data[i:end])
		i = skipSpace(data, end)
		if i >= len(data) {
			return nil, errors.New("unterminated array")
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			return elems, nil
		default:
			return nil, fmt.Errorf("malformed array at offset %d", i)
		}
	}
}

// Index returns the position of the member named key, or -1. An exact match
// wins over an ASCII case-insensitive one (ARM reads bodies case-insensitively);
// among equals the last wins, as with encoding/json.
func (o Object) Index(key string) int {
	fold := -1
	for i := len(o) - 1; i >= 0; i-- {
		k := o[i].Key
		if string(k) == key {
			return i
		}
		if fold < 0 && equalFold(k, key) {
			fold = i
		}
	}
	return fold
}

// Get returns the raw value of the member named key, or nil when there is none.
func (o Object) Get(key string) []byte {
	if i := o.Index(key); i >= 0 {
		return o[i].Value
	}
	return nil
}

// Has reports whether o has a member named key whose value is not null.
func (o Object) Has(key string) bool {
	v := o.Get(key)
	return v != nil && !IsNull(v)
}

// Set replaces the value of the member named key, or appends the member.
func (o *Object) Set(key string, value []byte) {
	if i := o.Index(key); i >= 0 {
		(*o)[i].Value = value
		return
	}
	*o = append(*o, Member{Key: []byte(key), Value: value})
}

// AppendTo appends o as a compact JSON object (when its values are compact).
func (o Object) AppendTo(dst []byte) []byte {
	dst = append(dst, '{')
	for i, m := range o {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = AppendMember(dst, m.Key, m.Value)
	}
	return append(dst, '}')
}

// AppendMember appends "key":value; key is as it goes between the quotes.
func AppendMember(dst, key, value []byte) []byte {
	dst = append(dst, '"')
	dst = append(dst, key...)
	dst = append(dst, '"', ':')
	return append(dst, value...)
}

// Size is the length of o written by AppendTo.
func (o Object) Size() int {
	if len(o) == 0 {
		return 2
	}
	n := 1 // the braces, and a comma after every member but the last
	for _, m := range o {
		n += len(m.Key) + len(m.Value) + 4
	}
	return n
}

// Lookup returns the raw value at path in the JSON object data (each element a
// key, matched as by Index), or nil. It allocates nothing.
func Lookup(data []byte, path ...string) []byte {
	start, end, ok := Span(data, path...)
	if !ok {
		return nil
	}
	return data[start:end]
}

// Span returns where the value at path lies in data: data[start:end].
func Span(data []byte, path ...string) (start, end int, ok bool) {
	start, end = skipSpace(data, 0), len(data)
	for _, key := range path {
		s, e, found := member(data, start, key)
		if !found {
			return 0, 0, false
		}
		start, end = s, e
	}
	return start, end, true
}

// member finds key in the object starting at data[i] and returns its value's
// span, preferring an exact match over a case-insensitive one, the last over
// earlier ones.
func member(data []byte, i int, key string) (start, end int, ok bool) {
	if i >= len(data) || data[i] != '{' {
		return 0, 0, false
	}
	exact := false
	i = skipSpace(data, i+1)
	for i < len(data) && data[i] == '"' {
		kend, err := skipString(data, i)
		if err != nil {
			return 0, 0, false
		}
		k := data[i+1 : kend-1]
		i = skipSpace(data, kend)
		if i >= len(data) || data[i] != ':' {
			return 0, 0, false
		}
		i = skipSpace(data, i+1)
		vend, err := skipValue(data, i)
		if err != nil {
			return 0, 0, false
		}
		switch {
		case string(k) == key:
			start, end, ok, exact = i, vend, true, true
		case !exact && equalFold(k, key):
			start, end, ok = i, vend, true
		}
		i = skipSpace(data, vend)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return start, end, ok
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

// skipString returns the index just past the string starting at data[i].
func skipString(data []byte, i int) (int, error) {
	start := i + 1
	for i = start; ; i++ {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			return 0, errors.New("unterminated string")
		}
		i += j
		// The quote ends the string unless an odd run of backslashes escapes it.
		k := i
		for k > start && data[k-1] == '\\' {
			k--
		}
		if (i-k)%2 == 0 {
			return i + 1, nil
		}
	}
}

// skipValue returns the index just past the value starting at data[i].
func skipValue(data []byte, i int) (int, error) {
	if i >= len(data) {
		return 0, errors.New("unexpected end of JSON")
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for ; i < len(data); i++ {
			switch data[i] {
			case '"':
				end, err := skipString(data, i)
				if err != nil {
					return 0, err
				}
				i = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1, nil
				}
			}
		}
		return 0, errors.New("unterminated JSON value")
	}
	start := i
	for i < len(data) && !isSpace(data[i]) && data[i] != ',' && data[i] != '}' && data[i] != ']' {
		i++
	}
	if i == start {
		return 0, fmt.Errorf("missing value at offset %d", i)
	}
	return i, nil
}
