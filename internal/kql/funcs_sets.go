package kql

import (
	"encoding/json"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// Functions of dynamic arrays and property bags: set_union,
// set_intersect, set_difference, set_has_element, array_index_of,
// array_slice, array_reverse, array_sum, array_sort_asc / _desc, zip,
// bag_merge, bag_remove_keys and bag_has_key. Elements are compared as
// their JSON text, so 1 and 1.0 are different elements. A value that is
// not an array (or bag) makes the result null.
func init() {
	sets := func(build func(lists []string) string) *function {
		return &function{args: []argKind{argDynamic}, min: 2, repeat: true, resultOf: allType(TDynamic, TDynamic), sql: func(e *ectx, a []*sqlExpr) string {
			return ifArrays(a, build(jsonLists(a)))
		}}
	}
	for name, f := range map[string]*function{
		// Distinct elements in order of first appearance.
		"set_union": sets(func(l []string) string {
			all := l[0]
			for _, x := range l[1:] {
				all = "list_concat(" + all + ", " + x + ")"
			}
			return "to_json(" + distinctList(all) + ")"
		}),
		"set_intersect": sets(func(l []string) string {
			var in []string
			for _, x := range l[1:] {
				in = append(in, "list_contains("+x+", __v)")
			}
			return "to_json(list_filter(" + distinctList(l[0]) + ", lambda __v: " + strings.Join(in, " AND ") + "))"
		}),
		"set_difference": sets(func(l []string) string {
			var out []string
			for _, x := range l[1:] {
				out = append(out, "NOT list_contains("+x+", __v)")
			}
			return "to_json(list_filter(" + distinctList(l[0]) + ", lambda __v: " + strings.Join(out, " AND ") + "))"
		}),
		"set_has_element": {args: []argKind{argDynamic, argAny}, result: TBool, sql: func(e *ectx, a []*sqlExpr) string {
			return ifArrays(a[:1], "list_contains("+jsonList(a[0])+", "+elementJSON(e, a[1])+")")
		}},
		"array_index_of": {args: []argKind{argDynamic, argAny}, result: TLong, sql: func(e *ectx, a []*sqlExpr) string {
			return ifArrays(a[:1], "CAST(coalesce(list_position("+jsonList(a[0])+", "+elementJSON(e, a[1])+"), 0) - 1 AS BIGINT)")
		}},
		"array_slice": {args: []argKind{argDynamic, argInteger, argInteger}, result: TDynamic, sql: func(e *ectx, a []*sqlExpr) string {
			// Negative indexes count from the end; the slice is cut to the
			// array; a null index makes it null (greatest and least would
			// skip a null). The list is bound once, as __s.
			from, to := e.operand(a[1], TLong), e.operand(a[2], TLong)
			at := func(i string) string {
				return "(CASE WHEN " + i + " < 0 THEN " + i + " + len(__s) ELSE " + i + " END)"
			}
			lo, hi := "greatest("+at(from)+", 0)", "least("+at(to)+", len(__s) - 1)"
			body := "CASE WHEN " + from + " IS NULL OR " + to + " IS NULL THEN NULL WHEN " + lo + " <= " + hi +
				" THEN list_slice(__s, " + lo + " + 1, " + hi + " + 1) ELSE []::JSON[] END"
			return ifArrays(a[:1], "to_json(list_transform(["+jsonList(a[0])+"], lambda __s: "+body+")[1])")
		}},
		"array_reverse": {args: []argKind{argDynamic}, result: TDynamic, sql: func(e *ectx, a []*sqlExpr) string {
			return ifArrays(a, "to_json(list_reverse("+jsonList(a[0])+"))")
		}},
		// The sum as a real; null if an element is not a number.
		"array_sum": {args: []argKind{argDynamic}, result: TReal, sql: func(e *ectx, a []*sqlExpr) string {
			l := jsonList(a[0])
			return ifArrays(a, "CASE WHEN list_bool_and(list_transform("+l+", lambda __v: json_type(__v) IN ('BIGINT', 'UBIGINT', 'DOUBLE'))) THEN list_sum(list_transform("+l+", lambda __v: CAST(__v AS DOUBLE))) END")
		}},
		"array_sort_asc":  {compile: arraySort(false), nameOf: sortedName},
		"array_sort_desc": {compile: arraySort(true), nameOf: sortedName},
		// zip pads the shorter arrays with null.
		"zip": {args: []argKind{argDynamic}, min: 2, repeat: true, resultOf: allType(TDynamic, TDynamic), sql: func(e *ectx, a []*sqlExpr) string {
			l := jsonLists(a)
			var lens, at []string
			for _, x := range l {
				lens = append(lens, "len("+x+")")
				at = append(at, x+"[__i]")
			}
			return ifArrays(a, "to_json(list_transform(range(1, greatest("+strings.Join(lens, ", ")+") + 1), lambda __i: ["+strings.Join(at, ", ")+"]))")
		}},
		"bag_merge": {args: []argKind{argDynamic}, min: 2, repeat: true, resultOf: allType(TDynamic, TDynamic), sql: func(e *ectx, a []*sqlExpr) string {
			// The entries of all bags in order; of a key in several bags,
			// the leftmost bag's entry. A value that is not a bag adds none.
			var entries []string
			for _, x := range a {
				entries = append(entries, "coalesce(map_entries(TRY_CAST(CASE WHEN json_type("+x.sql+") = 'OBJECT' THEN "+x.sql+" END AS MAP(VARCHAR, JSON))), [])")
			}
			all := entries[0]
			for _, x := range entries[1:] {
				all = "list_concat(" + all + ", " + x + ")"
			}
			return "list_transform([" + all + "], lambda __es: to_json(map_from_entries(list_filter(__es, lambda __kv, __i: list_position(list_transform(__es, lambda __x: __x.key), __kv.key) = __i))))[1]"
		}},
		"bag_remove_keys": {compile: compileBagRemoveKeys},
		"bag_has_key":     {compile: compileBagHasKey},
	} {
		functions[name] = f
	}
}

// jsonList is a JSON array as a DuckDB list of its elements.
func jsonList(x *sqlExpr) string {
	return "CAST(json_extract(" + x.sql + ", '$[*]') AS JSON[])"
}

func jsonLists(a []*sqlExpr) []string {
	l := make([]string, len(a))
	for i, x := range a {
		l[i] = jsonList(x)
	}
	return l
}

// ifArrays is sql when every one of a is a JSON array, else null.
func ifArrays(a []*sqlExpr, sql string) string {
	var conds []string
	for _, x := range a {
		conds = append(conds, "json_type("+x.sql+") = 'ARRAY'")
	}
	return "CASE WHEN " + strings.Join(conds, " AND ") + " THEN " + sql + " END"
}

// distinctList keeps the first of equal elements, in order.
func distinctList(l string) string {
	return "list_transform([" + l + "], lambda __l: list_filter(__l, lambda __v, __i: list_position(__l, __v) = __i))[1]"
}

// elementJSON is a scalar as the JSON text of an array element equal to it.
func elementJSON(e *ectx, x *sqlExpr) string {
	if x.typ == TDynamic {
		return "CAST(" + x.sql + " AS JSON)"
	}
	return e.jsonValue(x)
}

// sortedName is array_sort_asc's column name: the array's name with
// _sorted, array0_sorted for an array without a name.
func sortedName(c *compiler, x *parser.Call, r *relation) string {
	n := ""
	if len(x.Args) > 0 {
		n = c.resultName(x.Args[0], r)
	}
	if n == "" {
		n = "array0"
	}
	return n + "_sorted"
}

// arraySort is array_sort_asc and array_sort_desc(array [, nulls_last]) of
// one array: numbers first, then strings, then other values, each kind
// in ascending or descending order; nulls last unless nulls_last, a
// constant, is false. Sorting several
// arrays together gives several columns, which is not supported yet.
func arraySort(desc bool) func(e *ectx, x *parser.Call) (*sqlExpr, error) {
	return func(e *ectx, x *parser.Call) (*sqlExpr, error) {
		if err := argCount(e, x, 1, 2); err != nil {
			return nil, err
		}
		args, err := e.args(x)
		if err != nil {
			return nil, err
		}
		if args[0].typ != TDynamic {
			return nil, incompatible(e, x, args)
		}
		nullsLast := true
		if len(args) == 2 {
			if args[1].typ == TDynamic {
				return nil, e.errorf(x.Args[1], CodeNotSupported, "%s of several arrays is not supported yet", x.Func.Name)
			}
			if args[1].typ != TBool || args[1].konst == nil || args[1].konst.null {
				return nil, e.errorf(x.Args[1], CodeNotSupported, "%s with a nulls_last that is not a constant bool is not supported yet", x.Func.Name)
			}
			nullsLast = args[1].konst.b
		}
		null := "-1"
		if nullsLast {
			null = "9"
		}
		num, str := "0", "1"
		order := "ASC"
		if desc {
			num, str, order = "2", "1", "DESC"
			if nullsLast {
				null = "-9"
			} else {
				null = "9"
			}
		}
		key := "lambda __v: {'c': CASE json_type(__v) WHEN 'NULL' THEN " + null + " WHEN 'BIGINT' THEN " + num + " WHEN 'UBIGINT' THEN " + num +
			" WHEN 'DOUBLE' THEN " + num + " WHEN 'VARCHAR' THEN " + str + " ELSE " + map[bool]string{false: "2", true: "0"}[desc] + " END, " +
			"'n': TRY_CAST(__v AS DOUBLE), 's': json_extract_string(__v, '$'), 't': CAST(__v AS VARCHAR), 'v': __v}"
		l := jsonList(args[0])
		sql := ifArrays(args[:1], "to_json(list_transform(list_sort(list_transform("+l+", "+key+"), '"+order+"'), lambda __k: __k.v))")
		return &sqlExpr{sql: sql, typ: TDynamic, atomic: true, agg: args[0].agg}, nil
	}
}

// constKeys reads the constant key argument of bag_remove_keys or
// bag_has_key: plain top-level keys only (a JSONPath such as $.a.b, which
// Kusto reads as a nested key, is not supported yet).
func constKeys(e *ectx, fn string, n parser.Node, x *sqlExpr) ([]string, error) {
	var keys []string
	switch {
	case x.konst == nil || x.konst.null:
		return nil, e.errorf(n, CodeNotSupported, "%s with keys that are not constant is not supported yet", fn)
	case x.typ == TString:
		keys = []string{x.konst.str}
	case x.typ == TDynamic:
		if err := json.Unmarshal([]byte(x.konst.str), &keys); err != nil {
			return nil, e.errorf(n, CodeArgument, "The keys of '%s' must be a dynamic array of strings", fn)
		}
	}
	for _, k := range keys {
		if strings.ContainsAny(k, "$.[]") {
			return nil, e.errorf(n, CodeNotSupported, "%s with the key %q (a JSONPath or a key with '.', '$', '[' or ']') is not supported yet", fn, k)
		}
	}
	return keys, nil
}

func compileBagRemoveKeys(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 2, 2); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if args[0].typ != TDynamic || args[1].typ != TDynamic {
		return nil, incompatible(e, x, args)
	}
	keys, err := constKeys(e, "bag_remove_keys", x.Args[1], args[1])
	if err != nil {
		return nil, err
	}
	list := make([]string, len(keys))
	for i, k := range keys {
		list[i] = e.c.arg(k)
	}
	b := args[0].sql
	m := "CAST(" + b + " AS MAP(VARCHAR, JSON))"
	sql := "CASE WHEN json_type(" + b + ") = 'OBJECT' THEN to_json(map_from_entries(list_filter(map_entries(" + m + "), lambda __kv: NOT list_contains([" + strings.Join(list, ", ") + "]::VARCHAR[], __kv.key)))) END"
	return &sqlExpr{sql: sql, typ: TDynamic, atomic: true, agg: args[0].agg}, nil
}

func compileBagHasKey(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 2, 2); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if args[0].typ != TDynamic || args[1].typ != TString {
		return nil, incompatible(e, x, args)
	}
	keys, err := constKeys(e, "bag_has_key", x.Args[1], args[1])
	if err != nil {
		return nil, err
	}
	b := args[0].sql
	sql := "coalesce(json_type(" + b + ") = 'OBJECT' AND list_contains(json_keys(" + b + "), " + e.c.arg(keys[0]) + "), false)"
	return &sqlExpr{sql: sql, typ: TBool, atomic: true, agg: args[0].agg}, nil
}
