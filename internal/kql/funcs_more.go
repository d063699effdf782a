package kql

import (
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// More scalar functions and aggregates that hunting queries use often. Each
// is one entry; see functions.go and aggregates.go for the table's shape.
func init() {
	sameType := func(a []*sqlExpr) (Type, bool) { return a[0].typ, a[0].typ.isNumeric() }
	// datetimeFn takes an optional offset: startofday(x, -1) is the start
	// of the day before x's, the period being unit.
	datetimeFn := func(unit string, sql func(string) string) *function {
		return &function{args: []argKind{argDatetime, argInteger}, min: 1, result: TDatetime, sql: func(e *ectx, a []*sqlExpr) string {
			x := e.operand(a[0], TDatetime)
			if len(a) == 2 {
				x = "(" + x + " + " + periodsSQL(unit, e.operand(a[1], TLong)) + ")"
			}
			return sql(x)
		}}
	}
	// Kusto names startofday(T) T, but not startofweek(T) or startofmonth(T).
	startofday := datetimeFn("day", func(x string) string { return "date_trunc('day', " + x + ")" })
	startofday.name = nameFirstArg
	for name, f := range map[string]*function{
		// round's precision must be a constant, as in Kusto.
		"round": {args: []argKind{argNumber, argInteger}, min: 1, name: nameFirstArg, resultOf: func(a []*sqlExpr) (Type, bool) {
			if len(a) == 2 && (a[1].konst == nil || a[1].konst.null) {
				return "", false
			}
			return sameType(a)
		}, sql: func(e *ectx, a []*sqlExpr) string {
			p := "0"
			if len(a) == 2 {
				p = e.operand(a[1], TLong)
			}
			return "CAST(round(" + a[0].sql + ", " + p + ") AS " + duckTypes[a[0].typ] + ")"
		}},
		"startofday":   startofday,
		"startofmonth": datetimeFn("month", func(x string) string { return "date_trunc('month', " + x + ")" }),
		"startofyear":  datetimeFn("year", func(x string) string { return "date_trunc('year', " + x + ")" }),
		// Kusto's weeks start on Sunday, DuckDB's on Monday.
		"startofweek": datetimeFn("week", func(x string) string {
			return "CAST(date_trunc('day', " + x + ") - to_days(dayofweek(" + x + ")) AS TIMESTAMP)"
		}),
		"endofday": datetimeFn("day", func(x string) string {
			return "date_trunc('day', " + x + ") + to_microseconds(86399999999)"
		}),
		"hourofday":  {args: []argKind{argDatetime}, result: TInt, sql: func(e *ectx, a []*sqlExpr) string { return "CAST(hour(" + a[0].sql + ") AS INTEGER)" }},
		"dayofmonth": {args: []argKind{argDatetime}, result: TInt, sql: func(e *ectx, a []*sqlExpr) string { return "CAST(day(" + a[0].sql + ") AS INTEGER)" }},
		// dayofweek is the timespan since the start of the week (Sunday).
		"dayofweek": {args: []argKind{argDatetime}, result: TTimespan, sql: func(e *ectx, a []*sqlExpr) string {
			return "CAST(dayofweek(" + a[0].sql + ") AS BIGINT) * 864000000000"
		}},
		"indexof": {compile: compileIndexof},
		"replace_string": {args: []argKind{argString, argString, argString}, result: TString, sql: func(e *ectx, a []*sqlExpr) string {
			return "replace(" + e.toString(a[0]) + ", " + e.toString(a[1]) + ", " + e.toString(a[2]) + ")"
		}},
		"strcat_delim": {args: []argKind{argString, argAny, argAny}, repeat: true, result: TString, sql: func(e *ectx, a []*sqlExpr) string {
			parts := []string{e.toString(a[0])}
			for _, x := range a[1:] {
				parts = append(parts, e.toString(x))
			}
			return "concat_ws(" + strings.Join(parts, ", ") + ")"
		}},
		"coalesce":      {compile: compileCoalesce},
		"datetime_diff": {compile: compileDatetimeDiff},
	} {
		functions[name] = f
	}

	filtered := func(fn string, cast Type) func(e *ectx, a []*sqlExpr) string {
		return func(e *ectx, a []*sqlExpr) string {
			b, _ := e.asBool(a[1], precOr+1)
			s := fn + "(" + a[0].sql + ") FILTER (WHERE " + b + ")"
			if cast != "" {
				s = "CAST(" + s + " AS " + duckTypes[cast] + ")"
			}
			return s
		}
	}
	for name, a := range map[string]*aggregate{
		"sumif": {args: []argKind{argSummable, argBool}, prefix: "sumif", result: summable, sql: func(e *ectx, a []*sqlExpr) string {
			if a[0].typ == TReal {
				return filtered("sum", "")(e, a)
			}
			return filtered("sum", TLong)(e, a)
		}},
		"dcountif": {args: []argKind{argAny, argBool}, prefix: "dcountif", result: fixed(TLong), sql: func(e *ectx, a []*sqlExpr) string {
			b, _ := e.asBool(a[1], precOr+1)
			return "count(DISTINCT " + a[0].sql + ") FILTER (WHERE " + b + ")"
		}},
		"avgif": {args: []argKind{argNumber, argBool}, prefix: "avgif", result: fixed(TReal), sql: filtered("avg", "")},
		"minif": {args: []argKind{argAny, argBool}, prefix: "minif", result: orderable, sql: filtered("min", "")},
		"maxif": {args: []argKind{argAny, argBool}, prefix: "maxif", result: orderable, sql: filtered("max", "")},
		"any":   {args: []argKind{argAny}, prefix: "any", result: func(a []*sqlExpr) (Type, bool) { return a[0].typ, true }, sql: func(e *ectx, a []*sqlExpr) string { return "any_value(" + a[0].sql + ")" }},
		// take_any names its column after its argument: take_any(A) is A.
		"take_any": {args: []argKind{argAny}, result: func(a []*sqlExpr) (Type, bool) { return a[0].typ, true }, sql: func(e *ectx, a []*sqlExpr) string { return "any_value(" + a[0].sql + ")" }},
	} {
		aggregates[name] = a
	}
}

// compileCoalesce is coalesce(a, b, ...): the first value that is not null
// (for strings, not empty).
func compileCoalesce(e *ectx, x *parser.Call) (*sqlExpr, error) {
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if len(args) < 2 {
		return nil, e.errorf(x, CodeArgument, "The function 'coalesce' expects at least 2 arguments, but got %d", len(args))
	}
	var ts []Type
	dynamics := 0
	for _, a := range args {
		ts = append(ts, a.typ)
		if a.typ == TDynamic {
			dynamics++
		}
	}
	t, ok := commonType(ts)
	if dynamics == len(args) {
		t, ok = TDynamic, true
	} else if dynamics > 0 {
		ok = false // Kusto mixes a dynamic value only with dynamic ones
	}
	if !ok {
		return nil, incompatible(e, x, args)
	}
	var parts []string
	agg := false
	for _, a := range args {
		v := e.branch(a, t)
		if t == TString {
			v = "NULLIF(" + v + ", '')"
		}
		parts = append(parts, v)
		agg = agg || a.agg
	}
	if t == TString {
		parts = append(parts, "''")
	}
	return &sqlExpr{sql: "coalesce(" + strings.Join(parts, ", ") + ")", typ: t, atomic: true, agg: agg}, nil
}

// indexofFunc is indexof(source, lookup[, start[, length[, occurrence]]]):
// the zero-based position of lookup within the length characters from
// start (counted back from the end when negative; a length of -1 is the
// rest of the string), -1 when it is not there, null for a length below -1.
// Both strings may be of any type, which is made a string.
var indexofFunc = &function{args: []argKind{argAny, argAny, argInteger, argInteger, argInteger}, min: 2, result: TLong, sql: func(e *ectx, a []*sqlExpr) string {
	src, lookup := e.toString(a[0]), e.toString(a[1])
	if len(a) == 2 {
		return "CAST(strpos(" + src + ", " + lookup + ") AS BIGINT) - 1"
	}
	start := fromEnd(src, e.operand(a[2], TLong))
	window := "substr(" + src + ", " + start + " + 1)"
	var tooShort string
	if len(a) >= 4 {
		n := e.operand(a[3], TLong)
		window = "CASE WHEN " + n + " = -1 THEN " + window + " ELSE substr(" + src + ", " + start + " + 1, greatest(" + n + ", 0)) END"
		tooShort = "WHEN " + n + " < -1 THEN NULL "
	}
	pos := "strpos(" + window + ", " + lookup + ")"
	return "(CASE " + tooShort + "WHEN " + pos + " = 0 THEN -1 ELSE CAST(" + pos + " AS BIGINT) - 1 + " + start + " END)"
}}

// compileIndexof is indexof; an occurrence other than the first is not
// supported yet.
func compileIndexof(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if len(x.Args) == 5 {
		if lit, ok := x.Args[4].(*parser.Literal); !ok || lit.Text != "1" {
			return nil, e.errorf(x.Args[4], CodeNotSupported, "indexof with an occurrence other than 1 is not supported yet")
		}
	}
	return e.callScalar(indexofFunc, x)
}

// datetimeParts are the parts datetime_diff counts in, but for weeks, which
// start on Sunday in Kusto and on Monday in DuckDB.
var datetimeParts = map[string]string{
	"year": "year", "quarter": "quarter", "month": "month", "day": "day", "hour": "hour",
	"minute": "minute", "second": "second", "millisecond": "millisecond", "microsecond": "microsecond",
}

// compileDatetimeDiff is datetime_diff(part, d1, d2): the number of part
// boundaries from d2 to d1.
func compileDatetimeDiff(e *ectx, x *parser.Call) (*sqlExpr, error) {
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if len(args) != 3 || args[0].typ != TString || args[1].typ != TDatetime || args[2].typ != TDatetime {
		return nil, incompatible(e, x, args)
	}
	if args[0].konst == nil || args[0].konst.null {
		return nil, e.errorf(x.Args[0], CodeArgument, "The part of 'datetime_diff' must be a constant string")
	}
	if strings.EqualFold(args[0].konst.str, "week") {
		// The number of Sundays that start a week, from d2 to d1.
		sunday := func(x string) string { return "(date_trunc('day', " + x + ") - to_days(dayofweek(" + x + ")))" }
		return &sqlExpr{
			sql:    "(date_diff('day', " + sunday(args[2].sql) + ", " + sunday(args[1].sql) + ") // 7)",
			typ:    TLong,
			atomic: true,
			agg:    args[1].agg || args[2].agg,
		}, nil
	}
	part, ok := datetimeParts[strings.ToLower(args[0].konst.str)]
	if !ok {
		return nil, e.errorf(x.Args[0], CodeNotSupported, "datetime_diff by '%s' is not supported yet", args[0].konst.str)
	}
	return &sqlExpr{
		sql:    "date_diff(" + quoteString(part) + ", " + args[2].sql + ", " + args[1].sql + ")",
		typ:    TLong,
		atomic: true,
		agg:    args[1].agg || args[2].agg,
	}, nil
}
