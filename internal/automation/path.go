package automation

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/posture/armjson"
)

// step is one step of a property path: a property name, or an array index
// when name is "".
type step struct {
	name  string
	index int
}

// parsePath parses a propertyJPath: an optional "$." (or "$"), then property
// names separated by dots, each optionally followed by [n] array indexes.
func parsePath(p string) ([]step, error) {
	rest := p
	if r, ok := strings.CutPrefix(rest, "$."); ok {
		rest = r
	} else if r, ok := strings.CutPrefix(rest, "$"); ok {
		rest = r
	}
	if rest == "" {
		return nil, errors.New("names no property")
	}
	var steps []step
	for seg := range strings.SplitSeq(rest, ".") {
		name, idx, _ := strings.Cut(seg, "[")
		if strings.Contains(name, "]") {
			return nil, errors.New(`has a "]" without a matching "["`)
		}
		if name == "" {
			if strings.Contains(seg, "[") {
				return nil, errors.New(`has an index with no property name before it; write name[0]`)
			}
			return nil, errors.New(`has an empty property name (two dots in a row, or a dot at either end)`)
		}
		steps = append(steps, step{name: name, index: -1})
		if !strings.Contains(seg, "[") {
			continue
		}
		indexes := "[" + idx
		for indexes != "" {
			if indexes[0] != '[' {
				return nil, errors.New(`has text after "]"; use a dot before the next property name`)
			}
			end := strings.IndexByte(indexes, ']')
			if end < 0 {
				return nil, errors.New(`has a "[" without a matching "]"`)
			}
			n, err := parseIndex(indexes[1:end])
			if err != nil {
				return nil, err
			}
			steps = append(steps, step{index: n})
			indexes = indexes[end+1:]
		}
	}
	return steps, nil
}

func parseIndex(s string) (int, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			s = ""
			break
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New("has an array index that is not a non-negative integer")
	}
	return n, nil
}

// resolve follows path into v, a value decoded by encoding/json. It reports
// false when a property or element is missing or a step meets the wrong kind
// of value. A property is found by its exact name, else case-insensitively.
//
// v may also be a json.RawMessage: the path is then followed through the raw
// bytes and only the value it leads to is decoded, which is far cheaper than
// decoding a whole event to evaluate a rule or two.
func resolve(v any, path []step) (any, bool) {
	if raw, ok := v.(json.RawMessage); ok {
		return resolveRaw(raw, path)
	}
	for _, s := range path {
		if s.name == "" {
			arr, ok := v.([]any)
			if !ok || s.index >= len(arr) {
				return nil, false
			}
			v = arr[s.index]
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		x, ok := m[s.name]
		if !ok {
			if x, ok = lookupFold(m, s.name); !ok {
				return nil, false
			}
		}
		v = x
	}
	return v, true
}

// lookupFold finds name in m case-insensitively. When several keys differ only
// in case it picks the smallest, so the answer does not depend on map order.
func lookupFold(m map[string]any, name string) (any, bool) {
	var (
		best  string
		v     any
		found bool
	)
	for k, x := range m {
		if strings.EqualFold(k, name) && (!found || k < best) {
			best, v, found = k, x, true
		}
	}
	return v, found
}

// resolveRaw is resolve over undecoded JSON.
func resolveRaw(raw []byte, path []step) (any, bool) {
	for _, s := range path {
		if s.name == "" {
			if !armjson.IsArray(raw) {
				return nil, false
			}
			elems, err := armjson.Elements(raw)
			if err != nil || s.index >= len(elems) {
				return nil, false
			}
			raw = elems[s.index]
			continue
		}
		if !armjson.IsObject(raw) {
			return nil, false
		}
		obj, err := armjson.Split(raw)
		if err != nil {
			return nil, false
		}
		x := obj.Get(s.name) // exact name first, then ASCII case-insensitively
		if x == nil {
			return nil, false
		}
		raw = x
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, false
	}
	return out, true
}
