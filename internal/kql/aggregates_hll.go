package kql

import "github.com/secexport/secexport/internal/kql/parser"

// hll, hll_if, hll_merge (the aggregate, and the scalar of several
// arguments) and dcount_hll. Kusto's hll() is a HyperLogLog
// sketch; secexport's is exact: the sorted dynamic array of the distinct
// non-null values, so that dcount_hll(hll(X)) is dcount(X), which is exact
// too. Only dcount_hll and hll_merge read the representation (an hll value
// printed as is shows the values, not Kusto's opaque sketch); the accuracy
// argument is accepted and ignored.
func init() {
	for name, a := range map[string]*aggregate{
		"hll":       {args: []argKind{argAny, argInteger}, min: 1, prefix: "hll", result: hllInput, compile: compileHll},
		"hll_if":    {args: []argKind{argAny, argBool, argInteger}, min: 2, prefix: "hll_if", result: hllInput, compile: compileHll},
		"hll_merge": {args: []argKind{argDynamic}, prefix: "hll_merge", result: fixed(TDynamic), sql: hllMerge},
	} {
		aggregates[name] = a
	}
	// hll_merge(h1, h2, ...) outside summarize is the scalar merge of its
	// arguments; Kusto names its column hll_merged_result.
	functions["hll_merge"] = &function{args: []argKind{argDynamic}, min: 2, repeat: true, resultOf: allType(TDynamic, TDynamic),
		nameOf: func(*compiler, *parser.Call, *relation) string { return "hll_merged_result" },
		sql: func(e *ectx, a []*sqlExpr) string {
			var lists []string
			for _, x := range a {
				lists = append(lists, "CASE WHEN json_type("+x.sql+") = 'ARRAY' THEN "+jsonList(x)+" ELSE []::JSON[] END")
			}
			all := lists[0]
			for _, l := range lists[1:] {
				all = "list_concat(" + all + ", " + l + ")"
			}
			return "to_json(list_sort(list_distinct(" + all + ")))"
		}}
	functions["dcount_hll"] = &function{args: []argKind{argDynamic}, result: TLong, name: namePrefixArg, prefix: "dcount_hll", sql: func(e *ectx, a []*sqlExpr) string {
		return "CASE WHEN json_type(" + a[0].sql + ") = 'ARRAY' THEN CAST(json_array_length(" + a[0].sql + ") AS BIGINT) END"
	}}
}

// hllInput: Kusto's hll takes anything but real and bool values.
func hllInput(a []*sqlExpr) (Type, bool) {
	return TDynamic, a[0].typ != TReal && a[0].typ != TBool
}

func compileHll(e *ectx, x *parser.Call, a []*sqlExpr) (string, error) {
	if a[0].typ == TDynamic {
		// Which dynamic values Kusto's sketch counts as equal (bags with
		// their keys in another order?) is not documented.
		return "", e.errorf(x.Args[0], CodeNotSupported, "'%s' of a dynamic value is not supported yet", x.Func.Name)
	}
	v := e.jsonValue(a[0])
	where := a[0].sql + " IS NOT NULL"
	if x.Func.Name == "hll_if" {
		p, _ := e.asBool(a[1], precAnd+1)
		where += " AND " + p
	}
	return "coalesce(to_json(list(DISTINCT " + v + " ORDER BY " + v + ") FILTER (WHERE " + where + ")), CAST('[]' AS JSON))", nil
}

// hllMerge unites the arrays of values of several hll results.
func hllMerge(e *ectx, a []*sqlExpr) string {
	v := a[0].sql
	all := "flatten(list(CAST(json_extract(" + v + ", '$[*]') AS JSON[])) FILTER (WHERE json_type(" + v + ") = 'ARRAY'))"
	return "coalesce(to_json(list_sort(list_distinct(" + all + "))), CAST('[]' AS JSON))"
}
