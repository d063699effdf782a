package kql

import (
	"errors"
	"testing"
)

// FuzzCompile checks that compiling never panics and that every failure is
// an *Error with a position inside the query.
func FuzzCompile(f *testing.F) {
	schema := loadSchema(f)
	for _, gc := range goldenCases(f) {
		f.Add(gc.input)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, err := Compile(src, schema, testNow)
		if err == nil {
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error of type %T: %v", err, err)
		}
		if e.Pos < 0 || e.Pos > len(src) || e.Line < 1 || e.Col < 1 {
			t.Fatalf("error position %d (%d:%d) outside input of %d bytes", e.Pos, e.Line, e.Col, len(src))
		}
	})
}
