package kql

// Conditional and counting aggregates: make_bag_if, stdevif, varianceif,
// take_anyif, anyif, count_distinct, count_distinctif,
// make_list_with_nulls.
func init() {
	// sampleIf is stdev or variance of a sample over the rows where the
	// predicate holds: 0 for a single value, as stdev() is, and null for
	// none.
	sampleIf := func(fn string) func(e *ectx, a []*sqlExpr) string {
		return func(e *ectx, a []*sqlExpr) string {
			v, p := e.operand(a[0], TReal), filterOf(e, a[1])
			return "CASE count(" + v + ")" + p + " WHEN 1 THEN 0.0 ELSE " + fn + "(" + v + ")" + p + " END"
		}
	}
	anyIf := func(e *ectx, a []*sqlExpr) string {
		s := "any_value(" + a[0].sql + ")" + filterOf(e, a[1])
		if a[0].typ == TString {
			s = "coalesce(" + s + ", '')" // no row matched: Kusto's strings are never null
		}
		return s
	}
	countDistinct := func(e *ectx, a []*sqlExpr) string {
		s := "count(DISTINCT " + a[0].sql + ")"
		if len(a) == 2 {
			s += filterOf(e, a[1])
		}
		return s
	}
	for name, a := range map[string]*aggregate{
		"make_bag_if": {args: []argKind{argDynamic, argBool, argInteger}, min: 2, prefix: "bag", result: fixed(TDynamic), sql: makeBagIf},
		"stdevif":     {args: []argKind{argNumber, argBool}, prefix: "stdevif", result: fixed(TReal), sql: sampleIf("stddev_samp")},
		"varianceif":  {args: []argKind{argNumber, argBool}, prefix: "varianceif", result: fixed(TReal), sql: sampleIf("var_samp")},
		// take_anyif names its column after its argument, as take_any does.
		"take_anyif":       {args: []argKind{argAny, argBool}, result: sameAsArg, sql: anyIf},
		"anyif":            {args: []argKind{argAny, argBool}, prefix: "anyif", result: sameAsArg, sql: anyIf},
		"count_distinct":   {args: []argKind{argAny}, prefix: "count_distinct", result: notDynamic(TLong), sql: countDistinct},
		"count_distinctif": {args: []argKind{argAny, argBool}, prefix: "count_distinctif", result: notDynamic(TLong), sql: countDistinct},
		"make_list_with_nulls": {args: []argKind{argAny}, prefix: "list", result: fixed(TDynamic), sql: func(e *ectx, a []*sqlExpr) string {
			// Every row's value, null ones too, in the JSON form Kusto gives
			// a scalar inside a dynamic array.
			return "coalesce(to_json(list(" + e.jsonValue(a[0]) + ")), CAST('[]' AS JSON))"
		}},
	} {
		aggregates[name] = a
	}
}

// filterOf writes an aggregate's FILTER clause for the predicate p.
func filterOf(e *ectx, p *sqlExpr) string {
	b, _ := e.asBool(p, precOr+1)
	return " FILTER (WHERE " + b + ")"
}

func sameAsArg(a []*sqlExpr) (Type, bool) { return a[0].typ, true }

// notDynamic: the aggregate gives t, and does not take a dynamic value.
func notDynamic(t Type) func([]*sqlExpr) (Type, bool) {
	return func(a []*sqlExpr) (Type, bool) { return t, a[0].typ != TDynamic }
}

// makeBagIf is make_bag over the rows where the predicate holds; see makeBag.
func makeBagIf(e *ectx, a []*sqlExpr) string {
	v := a[0].sql
	p, _ := e.asBool(a[1], precAnd+1)
	m := "list_reduce(list(TRY_CAST(" + v + " AS MAP(VARCHAR, JSON))) FILTER (WHERE json_type(" + v + ") = 'OBJECT' AND " + p + "), lambda __a, __b: map_concat(__a, __b))"
	entries := "list_sort(map_entries(" + m + "))"
	if len(a) == 3 {
		entries = "list_slice(" + entries + ", 1, " + e.operand(a[2], TLong) + ")"
	}
	return "coalesce(to_json(map_from_entries(" + entries + ")), CAST('{}' AS JSON))"
}
