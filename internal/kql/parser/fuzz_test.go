package parser

import (
	"os"
	"path/filepath"
	"testing"
)

// seeds are the golden queries of package kql plus some odd fragments.
func seeds(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "*", "input.kql"))
	for _, d := range dirs {
		if b, err := os.ReadFile(d); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{"", "T", "T |", "(((", "datetime(", "dynamic({'a':[", "x.['k']", "'\\u12", "1..2", "a !in~ ()", "union (T), U | join (V) on $left.a == $right.b"} {
		f.Add(s)
	}
}

// FuzzLex checks that the lexer never panics and that tokens tile the input in order.
func FuzzLex(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		toks, err := Lex(src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		last := 0
		for _, tok := range toks {
			if tok.Span.Start < last || tok.Span.End < tok.Span.Start || tok.Span.End > len(src) {
				t.Fatalf("token %v out of order or range (last end %d, len %d)", tok.Span, last, len(src))
			}
			last = tok.Span.End
		}
	})
}

// FuzzParse checks that the parser never panics, that its errors are
// *Error with a span inside the input, and that every span of a tree it
// returns lies inside the input. Depth is bounded, so it cannot recurse away.
func FuzzParse(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		q, err := Parse(src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error of type %T", err)
			}
			if e.Span.Start < 0 || e.Span.Start > len(src) {
				t.Fatalf("error span %v outside input of %d bytes", e.Span, len(src))
			}
			return
		}
		for _, st := range q.Stmts {
			if s := st.Span(); s.Start < 0 || s.End > len(src) || s.Start > s.End {
				t.Fatalf("statement span %v outside input of %d bytes", s, len(src))
			}
		}
	})
}
