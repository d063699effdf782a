package automation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Decode parses an automation request body. Unknown fields are ignored, since
// Azure clients send read-only fields back. Malformed JSON is reported with its
// line, column and byte offset, and a value of the wrong JSON type with the
// path of its field, as a *ValidationError. Decode does not validate: call
// Validate.
func Decode(body []byte) (Automation, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return Automation{}, &ValidationError{Message: "the request body is empty; expected an automation JSON object"}
	}
	var a Automation
	err := json.Unmarshal(body, &a)
	if err == nil {
		return a, nil
	}
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntaxErr):
		line, col := position(body, syntaxErr.Offset)
		return Automation{}, &ValidationError{
			Message: fmt.Sprintf("malformed JSON at line %d, column %d (byte offset %d): %v", line, col, syntaxErr.Offset, syntaxErr),
			err:     err,
		}
	case errors.As(err, &typeErr):
		path := pathAt(body, typeErr.Offset)
		if path == "" && typeErr.Field != "" {
			path = typeErr.Field // no indexes, but better than nothing
		}
		got := describeJSON(typeErr.Value)
		if path == "" {
			return Automation{}, &ValidationError{Message: "the request body must be a JSON object, got " + got, err: err}
		}
		return Automation{}, &ValidationError{
			Path:    path,
			Message: fmt.Sprintf("expected %s, got %s", describeGo(typeErr.Type), got),
			err:     err,
		}
	}
	return Automation{}, &ValidationError{Message: fmt.Sprintf("cannot decode the request body: %v", err), err: err}
}

// position returns the 1-based line and byte column of the byte at which a
// syntax error was found: the one before offset, where the decoder stopped.
func position(body []byte, offset int64) (line, col int) {
	n := int(min(max(offset-1, 0), int64(len(body))))
	before := body[:n]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = n - bytes.LastIndexByte(before, '\n')
	return line, col
}

// frame is one open JSON container while pathAt walks a document.
type frame struct {
	array   bool
	key     string // object: name of the current member
	index   int    // array: index of the current element
	wantKey bool   // object: the next token is a member name
}

// pathAt returns the path (properties.sources[0].eventSource) of the value that
// ends at offset, or that starts there when the value is an object or array:
// where encoding/json reports an UnmarshalTypeError. It returns "" for the top
// level or when body cannot be walked.
func pathAt(body []byte, offset int64) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var stack []frame
	valueDone := func() {
		if n := len(stack); n > 0 && !stack[n-1].array {
			stack[n-1].wantKey = true
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			valueDone()
			continue
		}
		if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].wantKey {
			stack[n-1].key, _ = tok.(string)
			stack[n-1].wantKey = false
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].array {
			stack[n-1].index++
		}
		if dec.InputOffset() >= offset {
			return renderPath(stack)
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{wantKey: true})
		case json.Delim('['):
			stack = append(stack, frame{array: true, index: -1})
		default:
			valueDone()
		}
	}
}

func renderPath(stack []frame) string {
	var b strings.Builder
	for _, f := range stack {
		if f.array {
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(f.key)
	}
	return b.String()
}

// describeGo names the JSON type a Go type is decoded from.
func describeGo(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map:
		if t.Elem().Kind() == reflect.String {
			return "an object of strings"
		}
		return "an object"
	case reflect.Struct:
		return "an object"
	}
	return t.String()
}

// describeJSON names the JSON value an UnmarshalTypeError reports.
func describeJSON(v string) string {
	switch v {
	case "string":
		return "a string"
	case "number":
		return "a number"
	case "bool":
		return "a boolean"
	case "array":
		return "an array"
	case "object":
		return "an object"
	}
	if num, ok := strings.CutPrefix(v, "number "); ok {
		return "the number " + num
	}
	return v
}
