package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// Date and time functions: parts of a datetime, the ends of periods,
// datetimes and timespans made from numbers, and timespan formatting.
// Datetimes are stored to the microsecond, so "the last tick" of a period
// is its last microsecond, as endofday already is.
func init() {
	part := func(sql func(x string) string) *function {
		return &function{args: []argKind{argDatetime}, resultOf: onlyType(TDatetime, TInt), sql: func(e *ectx, a []*sqlExpr) string {
			return "CAST(" + sql(a[0].sql) + " AS INTEGER)"
		}}
	}
	for name, f := range map[string]*function{
		"getmonth":     part(func(x string) string { return "month(" + x + ")" }),
		"monthofyear":  part(func(x string) string { return "month(" + x + ")" }),
		"getyear":      part(func(x string) string { return "year(" + x + ")" }),
		"dayofyear":    part(func(x string) string { return "dayofyear(" + x + ")" }),
		"week_of_year": part(func(x string) string { return "weekofyear(" + x + ")" }), // ISO 8601, as Kusto's
		"weekofyear":   part(func(x string) string { return "weekofyear(" + x + ")" }),
		"endofweek": endOf(func(x, n string) string {
			return "CAST(date_trunc('day', " + x + ") - to_days(dayofweek(" + x + ")) AS TIMESTAMP) + to_days(7 * (" + n + " + 1))"
		}),
		"endofmonth": endOf(func(x, n string) string {
			return "date_trunc('month', " + x + ") + to_months(CAST(" + n + " + 1 AS INTEGER))"
		}),
		"endofyear": endOf(func(x, n string) string {
			return "date_trunc('year', " + x + ") + to_years(CAST(" + n + " + 1 AS INTEGER))"
		}),
		"datetime_part":                    {compile: compileDatetimePart},
		"make_datetime":                    {compile: compileMakeDatetime},
		"make_timespan":                    {compile: compileMakeTimespan},
		"totimespan":                       {compile: compileTotimespan, name: nameFirstArg},
		"format_timespan":                  {compile: compileFormatTimespan, name: nameFirstArg},
		"unixtime_seconds_todatetime":      unixtime(1e6),
		"unixtime_milliseconds_todatetime": unixtime(1e3),
		"unixtime_microseconds_todatetime": unixtime(1),
		"unixtime_nanoseconds_todatetime":  unixtime(1e-3),
	} {
		functions[name] = f
	}
}

// onlyType: the function takes exactly one argument of type in (not a
// dynamic value) and gives out.
func onlyType(in, out Type) func(a []*sqlExpr) (Type, bool) {
	return func(a []*sqlExpr) (Type, bool) { return out, a[0].typ == in }
}

// endOf is endofweek, endofmonth and endofyear(datetime [, offset]): the
// last microsecond of the period offset periods away. start(x, n) is the
// start of the period after that one.
func endOf(start func(x, n string) string) *function {
	return &function{args: []argKind{argDatetime, argInteger}, min: 1, resultOf: func(a []*sqlExpr) (Type, bool) {
		return TDatetime, a[0].typ == TDatetime && (len(a) == 1 || a[1].typ.isInteger())
	}, sql: func(e *ectx, a []*sqlExpr) string {
		n := "0"
		if len(a) == 2 {
			n = e.operand(a[1], TLong)
		}
		return "(" + start(a[0].sql, n) + " - to_microseconds(1))"
	}}
}

// unixtime converts a number of seconds, milliseconds, microseconds or
// nanoseconds since 1970 to a datetime; micros is how many microseconds
// one unit is. A value out of DuckDB's range is null.
func unixtime(micros float64) *function {
	return &function{args: []argKind{argNumber}, resultOf: numberTo(TDatetime), sql: func(e *ectx, a []*sqlExpr) string {
		var v string
		switch {
		case a[0].typ.isInteger() && micros >= 1:
			v = "CAST(" + e.operand(a[0], TLong) + " AS BIGINT) * " + strconv.FormatFloat(micros, 'f', -1, 64)
		case a[0].typ.isInteger():
			v = "CAST(" + e.operand(a[0], TLong) + " AS BIGINT) // " + strconv.FormatFloat(1/micros, 'f', -1, 64)
		case micros >= 1:
			v = "trunc(" + e.operand(a[0], TReal) + " * " + strconv.FormatFloat(micros, 'f', -1, 64) + ")"
		default:
			v = "trunc(" + e.operand(a[0], TReal) + " / " + strconv.FormatFloat(1/micros, 'f', -1, 64) + ")"
		}
		return "TRY(make_timestamp(CAST(" + v + " AS BIGINT)))"
	}}
}

// datetimePartSQL maps datetime_part's parts to SQL over a timestamp x.
var datetimePartSQL = map[string]func(x string) string{
	"year":         func(x string) string { return "year(" + x + ")" },
	"quarter":      func(x string) string { return "quarter(" + x + ")" },
	"month":        func(x string) string { return "month(" + x + ")" },
	"week_of_year": func(x string) string { return "weekofyear(" + x + ")" },
	"day":          func(x string) string { return "day(" + x + ")" },
	"dayofyear":    func(x string) string { return "dayofyear(" + x + ")" },
	"hour":         func(x string) string { return "hour(" + x + ")" },
	"minute":       func(x string) string { return "minute(" + x + ")" },
	"second":       func(x string) string { return "second(" + x + ")" },
	"millisecond":  func(x string) string { return "microsecond(" + x + ") % 1000000 // 1000" },
	"microsecond":  func(x string) string { return "microsecond(" + x + ") % 1000000" },
	"nanosecond":   func(x string) string { return "microsecond(" + x + ") % 1000000 * 1000" },
}

// compileDatetimePart is datetime_part(part, datetime) with a constant part.
func compileDatetimePart(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 2, 2); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if args[0].typ != TString || args[1].typ != TDatetime {
		return nil, incompatible(e, x, args)
	}
	p, err := constString(e, "datetime_part", x.Args[0], args[0], "part")
	if err != nil {
		return nil, err
	}
	sql, ok := datetimePartSQL[strings.ToLower(p)]
	if !ok {
		return nil, e.errorf(x.Args[0], CodeArgument, "'%s' is not a part datetime_part knows (year, quarter, month, week_of_year, day, dayofyear, hour, minute, second, millisecond, microsecond, nanosecond)", p)
	}
	return &sqlExpr{sql: "CAST(" + sql(args[1].sql) + " AS INTEGER)", typ: TInt, atomic: true, agg: args[1].agg}, nil
}

// compileMakeDatetime is make_datetime(year, month, day [, hour, minute
// [, second]]): null when the parts do not make a date.
func compileMakeDatetime(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 3, 6); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	parts := []string{"0", "0", "0", "0", "0", "0.0"}
	for i, a := range args {
		last := i == 5
		if !a.typ.isInteger() && !(last && a.typ.isNumeric()) {
			return nil, incompatible(e, x, args)
		}
		if last {
			parts[i] = e.operand(a, TReal)
		} else {
			parts[i] = e.operand(a, TLong)
		}
	}
	sql := "TRY(make_timestamp(" + strings.Join(parts, ", ") + "))"
	return &sqlExpr{sql: sql, typ: TDatetime, atomic: true, agg: anyAgg(args)}, nil
}

// compileMakeTimespan is make_timespan(hour, minute), (hour, minute,
// second) or (day, hour, minute, second), all integers: null when an hour,
// minute or second is out of its range or the day is negative.
func compileMakeTimespan(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 2, 4); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	for _, a := range args {
		if !a.typ.isInteger() {
			return nil, incompatible(e, x, args)
		}
	}
	v := make([]string, len(args))
	for i, a := range args {
		v[i] = "CAST(" + e.operand(a, TLong) + " AS BIGINT)"
	}
	d, h, m, s := "0", v[0], v[1], "0"
	switch len(v) {
	case 3:
		s = v[2]
	case 4:
		d, h, m, s = v[0], v[1], v[2], v[3]
	}
	sql := "CASE WHEN " + d + " >= 0 AND " + h + " BETWEEN 0 AND 23 AND " + m + " BETWEEN 0 AND 59 AND " + s + " BETWEEN 0 AND 59 THEN " +
		"(((" + d + " * 24 + " + h + ") * 60 + " + m + ") * 60 + " + s + ") * 10000000 END"
	return &sqlExpr{sql: sql, typ: TTimespan, atomic: true, agg: anyAgg(args)}, nil
}

// compileTotimespan is totimespan(x) of a timespan or of a constant string,
// read as the inside of a timespan(...) literal. How Kusto reads strings
// that vary by row, and numbers, is not documented, so those are refused.
func compileTotimespan(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 1, 1); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	a := args[0]
	switch {
	case a.typ == TTimespan:
		return a, nil
	case a.typ == TString && a.konst != nil:
		if a.konst.null {
			return ticksNull(), nil
		}
		ticks, ok := parser.ParseTimespan(a.konst.str)
		if !ok {
			return ticksNull(), nil
		}
		return ticksConst(ticks), nil
	}
	return nil, e.errorf(x.Args[0], CodeNotSupported, "totimespan() of a %s that is not a constant string is not supported yet", a.typ)
}

func ticksNull() *sqlExpr {
	return &sqlExpr{sql: "CAST(NULL AS BIGINT)", typ: TTimespan, atomic: true, konst: &constant{null: true, lkind: parser.LitTimespan}}
}

// compileFormatTimespan is format_timespan(timespan, format) with a
// constant format of d to dddddddd (whole days, zero-padded to the count),
// H and HH (hours), m and mm (minutes), s and ss (seconds), f to fffffff
// (fractions of a second) and F to FFFFFFF (the same without trailing
// zeros, nothing when zero), and the separators Kusto documents. The sign
// of a negative timespan is not written, as .NET's custom formats do not.
func compileFormatTimespan(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 2, 2); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if args[0].typ != TTimespan || args[1].typ != TString {
		return nil, incompatible(e, x, args)
	}
	f, err := constString(e, "format_timespan", x.Args[1], args[1], "format")
	if err != nil {
		return nil, err
	}
	a := "abs(" + paren(args[0]) + ")"
	num := func(v string) string { return "CAST(" + v + " AS VARCHAR)" }
	var parts []string
	for i := 0; i < len(f); {
		c := f[i]
		j := i
		for j < len(f) && f[j] == c {
			j++
		}
		n := j - i
		switch {
		case c == 'd' && n <= 8:
			parts = append(parts, "lpad("+num(a+" // 864000000000")+", "+strconv.Itoa(n)+", '0')")
		case (c == 'H' || c == 'm' || c == 's') && n <= 2:
			unit := map[byte]string{'H': " // 36000000000 % 24", 'm': " // 600000000 % 60", 's': " // 10000000 % 60"}[c]
			v := num(a + unit)
			if n == 2 {
				v = "lpad(" + v + ", 2, '0')"
			}
			parts = append(parts, v)
		case c == 'f' && n <= 7:
			parts = append(parts, "left(lpad("+num(a+" % 10000000")+", 7, '0'), "+strconv.Itoa(n)+")")
		case c == 'F' && n <= 7:
			parts = append(parts, "rtrim(left(lpad("+num(a+" % 10000000")+", 7, '0'), "+strconv.Itoa(n)+"), '0')")
		case strings.IndexByte(" /-:,._[]", c) >= 0:
			parts = append(parts, e.c.arg(f[i:j]))
		default:
			return nil, e.errorf(x.Args[1], CodeNotSupported, "the format specifier '%s' of format_timespan is not supported yet (supported: d to dddddddd, H HH m mm s ss, f to fffffff, F to FFFFFFF and the separators / - : , . _ [ ] and space)", f[i:j])
		}
		i = j
	}
	sql := "''"
	if len(parts) > 0 {
		sql = "CASE WHEN " + paren(args[0]) + " IS NULL THEN '' ELSE concat(" + strings.Join(parts, ", ") + ") END"
	}
	return &sqlExpr{sql: sql, typ: TString, atomic: true, agg: args[0].agg}, nil
}

// periodsSQL is an interval of n (SQL of a long) days, weeks, months or years.
func periodsSQL(unit, n string) string {
	switch unit {
	case "week":
		return "to_days(CAST(" + n + " * 7 AS INTEGER))"
	case "month":
		return "to_months(CAST(" + n + " AS INTEGER))"
	case "year":
		return "to_years(CAST(" + n + " AS INTEGER))"
	}
	return "to_days(CAST(" + n + " AS INTEGER))"
}
