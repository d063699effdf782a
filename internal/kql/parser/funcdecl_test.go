package parser

import (
	"strings"
	"testing"
)

func TestParseFuncDecl(t *testing.T) {
	src := "let f = (T: (A: string, *), n: long, w: timespan = 1d) { let x = n + 1; T | take x; };\nf(SecurityAlert, 2)"
	q, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	d := q.Stmts[0].(*Let).X.(*FuncDecl)
	if len(d.Params) != 3 {
		t.Fatalf("got %d parameters", len(d.Params))
	}
	T, n, w := d.Params[0], d.Params[1], d.Params[2]
	if !T.Tabular || !T.Open || len(T.Columns) != 1 || T.Columns[0].Name.Name != "A" || T.Columns[0].Type != "string" {
		t.Errorf("T = %+v", T)
	}
	if n.Tabular || n.Type != "long" || n.Default != nil {
		t.Errorf("n = %+v", n)
	}
	if w.Type != "timespan" || w.Default.(*Literal).Ticks != 864000000000 {
		t.Errorf("w = %+v", w)
	}
	if len(d.Body) != 2 {
		t.Fatalf("body has %d statements", len(d.Body))
	}
	if got := d.Value().Span().Text(src); got != "T | take x" {
		t.Errorf("value = %q", got)
	}
	if got := d.Span().Text(src); !strings.HasPrefix(got, "(T:") || !strings.HasSuffix(got, "}") {
		t.Errorf("span = %q", got)
	}
}

func TestParseFuncDeclErrors(t *testing.T) {
	for _, tc := range []struct{ src, msg string }{
		{"let f = (x: long) { let y = x }; T", "must end with an expression"},
		{"let f = (x: long) { x; x }; T", "expected '}'"},
		{"let f = (x: long) { let y = 1 y }; T", "expected '}'"},
		{"let f = (x: long { x }; T", "expected ')'"},
		{"let f = (x: ) { x }; T", "expected a type name"},
		{"let f = (x: long) { x ; T", "expected '}'"},
	} {
		_, err := Parse(tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: got %v, want an error containing %q", tc.src, err, tc.msg)
		}
	}
}

func TestParseInvoke(t *testing.T) {
	src := "T | invoke f(1, x = 2) | count"
	q, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	inv := q.Stmts[0].(*ExprStmt).X.(*Pipe).Ops[0].(*Invoke)
	if inv.Call.Func.Name != "f" || len(inv.Call.Args) != 2 || inv.Span().Text(src) != "invoke f(1, x = 2)" {
		t.Errorf("invoke = %+v, span %q", inv.Call, inv.Span().Text(src))
	}
	if _, err := Parse("T | invoke f"); err == nil || !strings.Contains(err.Error(), "expected a function call") {
		t.Errorf("invoke without a call: %v", err)
	}
}

func TestParseView(t *testing.T) {
	q, err := Parse("let v = view () { T | take 1 }; v")
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := q.Stmts[0].(*Let).X.(*FuncDecl); !ok || len(d.Params) != 0 {
		t.Errorf("view = %#v", q.Stmts[0].(*Let).X)
	}
}
