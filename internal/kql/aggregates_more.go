package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// Statistical and collecting aggregates: percentile, percentiles, stdev,
// stdevp, variance, variancep, make_bag, make_set_if, make_list_if.
func init() {
	pop := func(fn string) func(e *ectx, a []*sqlExpr) string {
		return func(e *ectx, a []*sqlExpr) string { return fn + "(" + e.operand(a[0], TReal) + ")" }
	}
	// stdev and variance are of a sample (Bessel's correction); Kusto gives 0
	// for a single value, where DuckDB's stddev_samp and var_samp give null.
	sample := func(fn string) func(e *ectx, a []*sqlExpr) string {
		return func(e *ectx, a []*sqlExpr) string {
			v := e.operand(a[0], TReal)
			return "CASE count(" + v + ") WHEN 1 THEN 0.0 ELSE " + fn + "(" + v + ") END"
		}
	}
	for name, a := range map[string]*aggregate{
		"stdev":     {args: []argKind{argNumber}, prefix: "stdev", result: fixed(TReal), sql: sample("stddev_samp")},
		"stdevp":    {args: []argKind{argNumber}, prefix: "stdevp", result: fixed(TReal), sql: pop("stddev_pop")},
		"variance":  {args: []argKind{argNumber}, prefix: "variance", result: fixed(TReal), sql: sample("var_samp")},
		"variancep": {args: []argKind{argNumber}, prefix: "variancep", result: fixed(TReal), sql: pop("var_pop")},
		// percentile(X, P) is nearest-rank, as Kusto's: the smallest value
		// with at least P% of the values at or below it. DuckDB's
		// quantile_disc picks exactly that value (the ceil(P/100 * n)-th);
		// it is exact where Kusto estimates with a t-digest. P must be a
		// constant number from 0 to 100.
		"percentile": {args: []argKind{argAny, argNumber}, prefix: "percentile", result: percentileType, compile: compilePercentile, name: percentileName},
		// percentiles(X, P1, P2, ...) makes one percentile column per P;
		// summarize expands it into percentile(X, P1), percentile(X, P2) ...
		"percentiles": {prefix: "percentile", multi: true},
		// make_bag(D) merges the property bags of D into one bag; values that
		// are not bags are ignored, and a key found in several bags takes one
		// of their values (the last one merged). Keys are sorted; the optional
		// second argument keeps that many (Kusto keeps any that many).
		"make_bag":     {args: []argKind{argDynamic, argInteger}, min: 1, prefix: "bag", result: fixed(TDynamic), sql: makeBag},
		"make_set_if":  {args: []argKind{argAny, argBool, argInteger}, min: 2, prefix: "set", result: fixed(TDynamic), sql: makeList(true, true)},
		"make_list_if": {args: []argKind{argAny, argBool, argInteger}, min: 2, prefix: "list", result: fixed(TDynamic), sql: makeList(false, true)},
	} {
		aggregates[name] = a
	}
}

// percentileType: int becomes long; numbers, datetimes and timespans keep
// their type.
func percentileType(a []*sqlExpr) (Type, bool) {
	switch t := a[0].typ; {
	case t == TInt:
		return TLong, true
	case t.isNumeric() || t == TDatetime || t == TTimespan:
		return t, true
	}
	return "", false
}

// percentileValue returns P of percentile(X, P) when it is a number literal.
func percentileValue(x parser.Expr) (float64, bool) {
	for {
		p, ok := x.(*parser.Paren)
		if !ok {
			break
		}
		x = p.X
	}
	lit, ok := x.(*parser.Literal)
	if !ok || lit.Null || (lit.Kind != parser.LitLong && lit.Kind != parser.LitInt && lit.Kind != parser.LitReal) {
		return 0, false
	}
	v, err := strconv.ParseFloat(lit.Text, 64)
	return v, err == nil
}

func compilePercentile(e *ectx, x *parser.Call, a []*sqlExpr) (string, error) {
	p, ok := percentileValue(x.Args[1])
	if !ok || p < 0 || p > 100 {
		return "", e.errorf(x.Args[1], CodeArgument, "The percentile of '%s' must be a constant number from 0 to 100", x.Func.Name)
	}
	q := strconv.FormatFloat(p/100, 'g', -1, 64)
	s := "quantile_disc(" + a[0].sql + ", " + q + ")"
	if a[0].typ == TInt {
		s = "CAST(" + s + " AS BIGINT)"
	}
	return s, nil
}

// percentileName is Kusto's percentile_X_P, with P's decimal point an
// underscore (percentile_X_99_5) and P empty when it is not a literal.
func percentileName(c *compiler, x *parser.Call, r *relation) string {
	if len(x.Args) == 0 {
		return "percentile_"
	}
	n := "percentile_" + c.resultName(x.Args[0], r) + "_"
	if len(x.Args) > 1 {
		if p, ok := percentileValue(x.Args[1]); ok {
			n += strings.ReplaceAll(strconv.FormatFloat(p, 'f', -1, 64), ".", "_")
		}
	}
	return n
}

// percentiles expands percentiles(X, P1, P2, ...) into the calls
// percentile(X, P1), percentile(X, P2) ..., one per column.
func (e *ectx) percentiles(x *parser.Call) ([]*parser.Call, error) {
	if len(x.Args) < 2 {
		return nil, e.errorf(x, CodeArgument, "The function 'percentiles' expects at least 2 arguments, but got %d", len(x.Args))
	}
	var calls []*parser.Call
	for _, p := range x.Args[1:] {
		fn := *x.Func
		fn.Name = "percentile"
		calls = append(calls, &parser.Call{Func: &fn, Args: []parser.Expr{x.Args[0], p}, Rparen: x.Rparen})
	}
	return calls, nil
}

// makeBag merges the JSON objects of a group as DuckDB maps: later keys
// replace earlier ones; TRY_CAST skips arrays and scalars. An empty merge
// gives {}.
func makeBag(e *ectx, a []*sqlExpr) string {
	v := a[0].sql
	m := "list_reduce(list(TRY_CAST(" + v + " AS MAP(VARCHAR, JSON))) FILTER (WHERE json_type(" + v + ") = 'OBJECT'), lambda a, b: map_concat(a, b))"
	// Sorted by key, so that the bag does not depend on the order of rows.
	entries := "list_sort(map_entries(" + m + "))"
	if len(a) == 2 {
		entries = "list_slice(" + entries + ", 1, " + e.operand(a[1], TLong) + ")"
	}
	m = "map_from_entries(" + entries + ")"
	return "coalesce(to_json(" + m + "), CAST('{}' AS JSON))"
}
