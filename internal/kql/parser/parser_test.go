package parser

import (
	"strings"
	"testing"
)

func TestParseShapes(t *testing.T) {
	src := "let w = 1d;\nSecurityAlert\n| where TimeGenerated > ago(w) and AlertName !has 'x'\n| summarize n = count(), dcount(R) by bin(TimeGenerated, 1h)\n| top 5 by n asc nulls last"
	q, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Stmts) != 2 {
		t.Fatalf("got %d statements", len(q.Stmts))
	}
	let := q.Stmts[0].(*Let)
	if let.Name.Name != "w" || let.X.(*Literal).Ticks != 864000000000 {
		t.Errorf("let = %+v", let)
	}
	pipe := q.Stmts[1].(*ExprStmt).X.(*Pipe)
	if got := pipe.Source.Span().Text(src); got != "SecurityAlert" {
		t.Errorf("source = %q", got)
	}
	var names []string
	for _, op := range pipe.Ops {
		names = append(names, op.Name())
	}
	if strings.Join(names, ",") != "where,summarize,top" {
		t.Errorf("operators = %v", names)
	}
	where := pipe.Ops[0].(*Where)
	if got := where.Pred.Span().Text(src); got != "TimeGenerated > ago(w) and AlertName !has 'x'" {
		t.Errorf("where predicate span = %q", got)
	}
	if got := where.Span().Text(src); !strings.HasPrefix(got, "where ") {
		t.Errorf("where span = %q", got)
	}
	and := where.Pred.(*Binary)
	if and.Op != "and" || and.Y.(*Binary).Op != "!has" {
		t.Errorf("predicate = %+v", and)
	}
	sum := pipe.Ops[1].(*Summarize)
	if len(sum.Aggs) != 2 || len(sum.By) != 1 || sum.Aggs[0].(*Named).Name.Name != "n" {
		t.Errorf("summarize = %+v", sum)
	}
	if got := sum.By[0].Span().Text(src); got != "bin(TimeGenerated, 1h)" {
		t.Errorf("by span = %q", got)
	}
	top := pipe.Ops[2].(*Top)
	if !top.By.Asc || top.By.NullsFirst || !top.By.NullsSet {
		t.Errorf("top = %+v", top.By)
	}
}

func TestParseExpressions(t *testing.T) {
	for src, want := range map[string]string{
		"a + b * c":                   "(a + (b * c))",
		"a or b and c":                "(a or (b and c))",
		"a == 1 and b != 2":           "((a == 1) and (b != 2))",
		"-x.y[0]['k z']":              "-(((x.y))[0])['k z']",
		"a in ('x', 'y')":             "a in ('x', 'y')",
		"t between (1 .. 2)":          "t between (1 .. 2)",
		"a matches regex 'x'":         "(a matches regex 'x')",
		"['a b'] =~ 'x'":              "(['a b'] =~ 'x')",
		"f(x, *)":                     "f(x, *)",
		"x.['k']":                     "(x)['k']",
		"dynamic({'a': [1, 'b']})":    `dynamic({"a":[1,"b"]})`,
		"datetime(2024-01-02T03:04Z)": "datetime(2024-01-02T03:04:00Z)",
		"long(null)":                  "long(null)",
		"-5":                          "-5",
		"a !between (1 .. 2)":         "a !between (1 .. 2)",
	} {
		q, err := Parse("T | extend " + src)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		x := q.Stmts[0].(*ExprStmt).X.(*Pipe).Ops[0].(*Extend).Cols[0]
		if got := show(x); got != want {
			t.Errorf("%s\n got %s\nwant %s", src, got, want)
		}
	}
}

// show prints an expression with explicit grouping.
func show(x Expr) string {
	switch x := x.(type) {
	case *Ident:
		if x.Quoted {
			return "['" + x.Name + "']"
		}
		return x.Name
	case *Literal:
		switch {
		case x.Null:
			return x.Kind.String() + "(null)"
		case x.Kind == LitString:
			return "'" + x.Text + "'"
		case x.Kind == LitDatetime, x.Kind == LitDynamic:
			return x.Kind.String() + "(" + x.Text + ")"
		}
		return x.Text
	case *Binary:
		return "(" + show(x.X) + " " + x.Op + " " + show(x.Y) + ")"
	case *Unary:
		return x.Op + show(x.X)
	case *Paren:
		return "(" + show(x.X) + ")"
	case *Path:
		return "(" + show(x.X) + "." + x.Name.Name + ")"
	case *Index:
		return "(" + show(x.X) + ")[" + show(x.I) + "]"
	case *Call:
		var args []string
		for _, a := range x.Args {
			args = append(args, show(a))
		}
		return x.Func.Name + "(" + strings.Join(args, ", ") + ")"
	case *Star:
		return "*"
	case *In:
		var l []string
		for _, a := range x.List {
			l = append(l, show(a))
		}
		return show(x.X) + " " + x.Op + " (" + strings.Join(l, ", ") + ")"
	case *Between:
		op := "between"
		if x.Not {
			op = "!between"
		}
		return show(x.X) + " " + op + " (" + show(x.Lo) + " .. " + show(x.Hi) + ")"
	}
	return "?"
}

func TestParseErrors(t *testing.T) {
	for src, want := range map[string]string{
		"T | where":                     "Query could not be parsed at '<end of query>' on line [1,10]: expected an expression",
		"T | foo x":                     "unknown query operator 'foo'",
		"T | scan with (step s: true;)": "the 'scan' operator is not supported yet",
		"T | mv-apply x on take 1":      "expected '('",
		"T | where a ==":                "expected an expression",
		"T | project a,":                "expected an expression",
		"T | join kind=inner (U) x":     "expected 'on'",
		"T;;":                           "Query could not be parsed at ';'",
		"let x = 1":                     "must end with a tabular expression",
		strings.Repeat("(", 200) + "1":  "nested too deeply",
		"T | extend x = " + strings.Repeat("-", 300) + "1": "nested too deeply",
	} {
		_, err := Parse(src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%.40q) error = %v, want %q", src, err, want)
		}
	}
}
