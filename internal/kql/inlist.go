package kql

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// in compiles X in (a, b), X !in (...), X in~ (...), X !in~ (...),
// X has_any (...) and X has_all (...). The list may be literals, a constant
// dynamic array, or one tabular expression whose first column holds the values.
func (e *ectx) in(x *parser.In) (*sqlExpr, error) {
	left, err := e.expr(x.X)
	if err != nil {
		return nil, err
	}
	if len(x.List) == 1 && e.c.isTabular(x.List[0]) {
		return e.inTable(x, left)
	}
	var items, arrays []*sqlExpr
	for _, el := range x.List {
		v, err := e.expr(el)
		if err != nil {
			return nil, err
		}
		if v.typ == TDynamic {
			if v.konst == nil || v.konst.null {
				// An array known only when the query runs, such as a
				// toscalar(... make_set(...)) let value.
				arrays = append(arrays, v)
				continue
			}
			expanded, err := e.expandArray(el, v.konst.str)
			if err != nil {
				return nil, err
			}
			items = append(items, expanded...)
			continue
		}
		items = append(items, v)
	}
	switch x.Op {
	case "has_any", "has_all":
		if len(arrays) > 0 {
			var lists []string
			for _, a := range arrays {
				lists = append(lists, arrayTexts(a.sql))
			}
			return e.hasRuntime(x, left, items, lists)
		}
		return e.hasList(x, left, items)
	}
	if len(arrays) > 0 {
		return e.inArrays(x, left, items, arrays)
	}
	return e.inItems(x, left, items)
}

// inItems compiles X in (...) over items that are each one value.
func (e *ectx) inItems(x *parser.In, left *sqlExpr, items []*sqlExpr) (*sqlExpr, error) {
	if len(items) == 0 {
		// x in () is false; x !in () is true.
		return &sqlExpr{sql: map[bool]string{true: "FALSE", false: "TRUE"}[x.Op == "in" || x.Op == "in~"], typ: TBool, atomic: true}, nil
	}
	insensitive := strings.HasSuffix(x.Op, "~")
	target := left.typ
	if target == TDynamic {
		target = comparable(items[0].typ)
	}
	ls := e.convert(left, target)
	if left.typ != TDynamic {
		ls = paren(left)
	}
	if insensitive {
		if class(target) != "string" {
			return nil, e.errorf(x, CodeType, "The operator '%s' needs string values, not %s", x.Op, target)
		}
		ls = "lower(" + ls + ")"
	}
	var vals []string
	for i, it := range items {
		if class(it.typ) != class(target) && it.typ != TDynamic {
			return nil, e.errorf(x.List[min(i, len(x.List)-1)], CodeType, "Cannot compare values of types %s and %s in '%s'. Try adding explicit casts", left.typ, it.typ, x.Op)
		}
		v := e.convert(it, comparable(target))
		if it.typ != TDynamic {
			v = it.sql
		}
		if insensitive {
			if it.konst != nil && !it.konst.null {
				v = e.c.arg(strings.ToLower(it.konst.str))
			} else {
				v = "lower(" + v + ")"
			}
		}
		vals = append(vals, v)
	}
	sql := ls + " IN (" + strings.Join(vals, ", ") + ")"
	if strings.HasPrefix(x.Op, "!") {
		sql = ls + " NOT IN (" + strings.Join(vals, ", ") + ")"
	}
	return &sqlExpr{sql: sql, typ: TBool, agg: left.agg, prec: precCompare}, nil
}

// inArrays compiles X in (...) whose list holds dynamic arrays known only
// when the query runs: X is looked for among their elements (a value that
// is not an array is one element). Constant items are matched as usual.
func (e *ectx) inArrays(x *parser.In, left *sqlExpr, items, arrays []*sqlExpr) (*sqlExpr, error) {
	insensitive := strings.HasSuffix(x.Op, "~")
	not := strings.HasPrefix(x.Op, "!")
	// elem is an element (JSON __v) as the value compared: a string X is
	// compared with the string elements and a number with the numbers, as
	// Kusto compares values of one type; a dynamic X with any, by text.
	var ls, elem string
	switch {
	case left.typ == TString || left.typ == TGuid || left.typ == TDynamic:
		ls, elem = paren(left), "CASE WHEN json_type(__v) = 'VARCHAR' THEN json_extract_string(__v, '$') END"
		if left.typ == TDynamic {
			ls, elem = jsonText(left), "json_extract_string(__v, '$')"
		}
		if insensitive {
			ls, elem = "lower("+ls+")", "lower("+elem+")"
		}
	case left.typ.isNumeric() && !insensitive:
		ls, elem = "CAST("+left.sql+" AS DOUBLE)", "CASE WHEN json_type(__v) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN CAST(__v AS DOUBLE) END"
	default:
		return nil, e.errorf(x, CodeNotSupported, "'%s' of a %s value in a dynamic array known only when the query runs is not supported yet", x.Op, left.typ)
	}
	var parts []string
	if len(items) > 0 {
		constant := *x
		constant.Op = strings.TrimPrefix(x.Op, "!")
		in, err := e.inItems(&constant, left, items)
		if err != nil {
			return nil, err
		}
		parts = append(parts, paren(in))
	}
	for _, a := range arrays {
		values := "coalesce(CASE WHEN json_type(" + a.sql + ") = 'ARRAY' THEN json_extract(" + a.sql + ", '$[*]') ELSE [" + a.sql + "] END, [])"
		list := "list_transform(" + values + ", lambda __v: " + elem + ")"
		parts = append(parts, "list_contains("+list+", "+ls+")")
	}
	sql := strings.Join(parts, " OR ")
	if not {
		return &sqlExpr{sql: "NOT (" + sql + ")", typ: TBool, agg: left.agg, prec: precNot}, nil
	}
	return &sqlExpr{sql: sql, typ: TBool, agg: left.agg, prec: precOr}, nil
}

// arrayTexts returns SQL for the texts of a dynamic value's elements as a
// VARCHAR[]: an array gives its elements, any other value is one item, and
// null gives none.
func arrayTexts(d string) string {
	return "coalesce(CASE WHEN json_type(" + d + ") = 'ARRAY' THEN json_extract_string(" + d + ", '$[*]') ELSE [json_extract_string(" + d + ", '$')] END, [])"
}

// hasRuntime compiles has_any and has_all whose terms are known only when
// the query runs: lists (VARCHAR[] SQL) and constant items. The terms are
// matched as has matches them, case-insensitively; no terms match nothing.
func (e *ectx) hasRuntime(x *parser.In, left *sqlExpr, items []*sqlExpr, lists []string) (*sqlExpr, error) {
	ls, ok := e.stringText(left)
	if !ok {
		return nil, e.errorf(x, CodeType, "The operator '%s' needs a string value, not %s", x.Op, left.typ)
	}
	var consts []string
	for i, it := range items {
		if it.konst == nil || it.konst.null {
			return nil, e.errorf(x.List[min(i, len(x.List)-1)], CodeNotSupported, "'%s' supports constant values only", x.Op)
		}
		consts = append(consts, e.c.arg(toText(it.konst, it.typ)))
	}
	terms := "list_filter(list_concat(" + strings.Join(append(lists, "["+strings.Join(consts, ", ")+"]::VARCHAR[]"), ", ") + "), lambda __t: __t IS NOT NULL)"
	if len(lists) == 1 && len(consts) == 0 {
		terms = "list_filter(" + lists[0] + ", lambda __t: __t IS NOT NULL)"
	}
	pre, post := e.c.arg("(?i)(^|"+termBound+")"), e.c.arg("($|"+termBound+")")
	var sql string
	if x.Op == "has_any" {
		sql = "coalesce(len(" + terms + ") > 0 AND regexp_matches(" + ls + ", " + pre + " || '(' || array_to_string(list_transform(" + terms + ", lambda __t: regexp_escape(__t)), '|') || ')' || " + post + "), false)"
	} else {
		sql = "coalesce(len(" + terms + ") > 0 AND list_bool_and(list_transform(" + terms + ", lambda __t: regexp_matches(" + ls + ", " + pre + " || regexp_escape(__t) || " + post + "))), false)"
	}
	return &sqlExpr{sql: sql, typ: TBool, agg: left.agg, atomic: true}, nil
}

// expandArray turns a constant dynamic array into constant elements.
func (e *ectx) expandArray(n parser.Node, text string) ([]*sqlExpr, error) {
	var vals []any
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if err := dec.Decode(&vals); err != nil {
		return nil, e.errorf(n, CodeType, "A dynamic array is expected here")
	}
	var out []*sqlExpr
	for _, v := range vals {
		var lit *parser.Literal
		switch v := v.(type) {
		case string:
			lit = &parser.Literal{Kind: parser.LitString, Text: v}
		case json.Number:
			if strings.ContainsAny(v.String(), ".eE") {
				lit = &parser.Literal{Kind: parser.LitReal, Text: v.String()}
			} else {
				lit = &parser.Literal{Kind: parser.LitLong, Text: v.String()}
			}
		case bool:
			lit = &parser.Literal{Kind: parser.LitBool, Text: map[bool]string{true: "true", false: "false"}[v]}
		default:
			return nil, e.errorf(n, CodeNotSupported, "Only arrays of strings, numbers and booleans are supported in 'in'")
		}
		lit.ValSpan = n.Span()
		x, err := e.literal(lit)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// inTable compiles X in (T | ...): a semi-join on T's first column.
func (e *ectx) inTable(x *parser.In, left *sqlExpr) (*sqlExpr, error) {
	r, err := e.c.tabular(x.List[0])
	if err != nil {
		return nil, err
	}
	// The first column the tabular expression shows: hidden ones do not count.
	firstAt := -1
	for i, col := range r.cols {
		if !col.hidden {
			firstAt = i
			break
		}
	}
	if firstAt < 0 {
		return nil, e.errorf(x.List[0], CodeType, "The tabular expression has no columns")
	}
	first := r.cols[firstAt]
	if class(first.typ) != class(left.typ) && left.typ != TDynamic {
		return nil, e.errorf(x, CodeType, "Cannot compare values of types %s and %s in '%s'", left.typ, first.typ, x.Op)
	}
	sub := e.c.wrap(r)
	col := sub.cols[firstAt].sql
	if x.Op == "has_any" || x.Op == "has_all" {
		// The terms are the first column's values, made strings.
		text := e.toString(&sqlExpr{sql: col, typ: first.typ, atomic: true})
		list := "(SELECT coalesce(list(" + text + "), []) FROM " + sub.from + " WHERE " + col + " IS NOT NULL)"
		return e.hasRuntime(x, left, nil, []string{list})
	}
	ls := paren(left)
	if left.typ == TDynamic {
		ls = e.convert(left, comparable(first.typ))
	}
	if strings.HasSuffix(x.Op, "~") {
		ls, col = "lower("+ls+")", "lower("+col+")"
	}
	not := ""
	if strings.HasPrefix(x.Op, "!") {
		not = "NOT "
	}
	// coalesce: a NULL among the values must not turn !in into "unknown".
	sql := ls + " " + not + "IN (SELECT " + col + " FROM " + sub.from + " WHERE " + col + " IS NOT NULL)"
	return &sqlExpr{sql: sql, typ: TBool, prec: precCompare}, nil
}

// hasList compiles has_any and has_all over constant strings.
func (e *ectx) hasList(x *parser.In, left *sqlExpr, items []*sqlExpr) (*sqlExpr, error) {
	ls, ok := e.stringText(left)
	if !ok {
		return nil, e.errorf(x, CodeType, "The operator '%s' needs a string value, not %s", x.Op, left.typ)
	}
	var terms []string
	for i, it := range items {
		if it.konst == nil || it.konst.null {
			return nil, e.errorf(x.List[min(i, len(x.List)-1)], CodeNotSupported, "'%s' supports constant values only", x.Op)
		}
		terms = append(terms, regexp.QuoteMeta(toText(it.konst, it.typ)))
	}
	if len(terms) == 0 {
		return &sqlExpr{sql: "FALSE", typ: TBool, atomic: true}, nil
	}
	pre, post := "(?i)(^|"+termBound+")", "($|"+termBound+")"
	if x.Op == "has_any" {
		return &sqlExpr{sql: "regexp_matches(" + ls + ", " + e.c.arg(pre+"("+strings.Join(terms, "|")+")"+post) + ")", typ: TBool, atomic: true}, nil
	}
	var parts []string
	for _, t := range terms {
		parts = append(parts, "regexp_matches("+ls+", "+e.c.arg(pre+t+post)+")")
	}
	return &sqlExpr{sql: strings.Join(parts, " AND "), typ: TBool, prec: precAnd}, nil
}

// toText renders a constant as the string tostring() would give.
func toText(k *constant, t Type) string {
	switch t {
	case TString, TGuid, TDynamic:
		return k.str
	case TLong, TInt:
		return int64SQL(k.i)
	case TBool:
		if k.b {
			return "true"
		}
		return "false"
	}
	return realSQL(k.f)
}

// between compiles X between (Lo .. Hi), inclusive at both ends. For a
// datetime X, Hi may be a timespan: the range is then Lo .. Lo + Hi.
func (e *ectx) between(x *parser.Between) (*sqlExpr, error) {
	v, err := e.expr(x.X)
	if err != nil {
		return nil, err
	}
	lo, err := e.expr(x.Lo)
	if err != nil {
		return nil, err
	}
	hi, err := e.expr(x.Hi)
	if err != nil {
		return nil, err
	}
	op := map[bool]string{true: "!between", false: "between"}[x.Not]
	bad := func() error {
		return e.errorf(x, CodeType, "The operator '%s' is not defined for the operand types %s, %s and %s", op, v.typ, lo.typ, hi.typ)
	}
	vs, ls, hs := paren(v), paren(lo), paren(hi)
	switch {
	case v.typ.isNumeric() || v.typ == TDynamic:
		if !(lo.typ.isNumeric() || lo.typ == TDynamic) || !(hi.typ.isNumeric() || hi.typ == TDynamic) || v.typ == TDynamic && lo.typ == TDynamic {
			return nil, bad()
		}
		if v.typ == TDynamic {
			vs = e.convert(v, TReal)
		}
		if lo.typ == TDynamic {
			ls = e.convert(lo, TReal)
		}
		if hi.typ == TDynamic {
			hs = e.convert(hi, TReal)
		}
	case v.typ == TDatetime && lo.typ == TDatetime && hi.typ == TTimespan:
		if f := foldTime("+", lo, hi); f != nil {
			hs = f.sql
		} else {
			hs = "(" + ls + " + " + interval(hs) + ")"
		}
	case v.typ.isSummable() && lo.typ == v.typ && hi.typ == v.typ:
	default:
		return nil, bad()
	}
	sql := vs + " BETWEEN " + ls + " AND " + hs
	if x.Not {
		return &sqlExpr{sql: "NOT (" + sql + ")", typ: TBool, agg: v.agg, prec: precNot}, nil
	}
	return &sqlExpr{sql: sql, typ: TBool, agg: v.agg, prec: precCompare}, nil
}
