package kql

import (
	"fmt"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// argKind is what a function parameter accepts. A dynamic argument is
// accepted wherever a scalar is, and converted, as Kusto does.
type argKind int

const (
	argAny      argKind = iota // any scalar
	argString                  // string or guid
	argStrOrDyn                // string or dynamic
	argNumber                  // int, long, real
	argSummable                // int, long, real, timespan
	argInteger                 // int, long
	argBool
	argTimespan
	argDatetime
	argDynamic
)

func (k argKind) accepts(t Type) bool {
	if t == TDynamic {
		// Kusto takes a dynamic value where it wants a string or a number,
		// but not where it wants a bool, a datetime, a timespan or an
		// integer such as an index or a count.
		return k != argBool && k != argDatetime && k != argTimespan && k != argInteger
	}
	switch k {
	case argAny:
		return true
	case argString:
		return t == TString || t == TGuid
	case argStrOrDyn:
		return t == TString
	case argNumber:
		return t.isNumeric()
	case argSummable:
		return t.isNumeric() || t == TTimespan
	case argInteger:
		return t.isInteger()
	case argBool:
		return t == TBool
	case argTimespan:
		return t == TTimespan
	case argDatetime:
		return t == TDatetime
	}
	return false
}

// A function is one scalar function: its parameters, result type, how it
// names its column, and how it is written in SQL. Adding a function is adding
// one entry to the functions table.
type function struct {
	args   []argKind
	min    int  // required arguments; the rest are optional
	repeat bool // the last parameter may repeat
	result Type // the result type, unless resultOf decides
	// resultOf decides the result type from the arguments; ok=false means the
	// arguments do not fit.
	resultOf func(args []*sqlExpr) (t Type, ok bool)
	name     nameKind
	prefix   string
	prec     int // the SQL precedence of what sql writes, when it is an operator
	sql      func(e *ectx, args []*sqlExpr) string
	// compile replaces all of the above for functions with special arguments.
	compile func(e *ectx, call *parser.Call) (*sqlExpr, error)
	// nameOf, when set, names the column instead of name and prefix
	// (array_sort_asc(A) is A_sorted, columnifexists("A", 0) is A).
	nameOf func(c *compiler, x *parser.Call, r *relation) string
}

// functions holds every scalar function, by name; files add to it in init.
var functions = map[string]*function{}

func init() {
	toType := func(t Type) func(e *ectx, a []*sqlExpr) string {
		return func(e *ectx, a []*sqlExpr) string { return e.cast(a[0], t) }
	}
	conv := func(t Type) *function {
		return &function{args: []argKind{argAny}, result: t, name: nameFirstArg, sql: toType(t)}
	}
	for name, f := range map[string]*function{
		"ago":        {compile: compileAgo},
		"now":        {compile: compileNow},
		"bin":        {compile: compileBin, name: nameFirstArg},
		"floor":      {compile: compileBin, name: nameFirstArg},
		"iff":        {compile: compileIff},
		"iif":        {compile: compileIff},
		"case":       {compile: compileCase},
		"extract":    {compile: compileExtract},
		"tostring":   conv(TString),
		"toint":      conv(TInt),
		"tolong":     conv(TLong),
		"todouble":   conv(TReal),
		"toreal":     conv(TReal),
		"tobool":     conv(TBool),
		"toboolean":  conv(TBool),
		"todatetime": conv(TDatetime),
		"parse_json": {args: []argKind{argStrOrDyn}, result: TDynamic, name: nameFirstArg, sql: parseJSON},
		"todynamic":  {args: []argKind{argStrOrDyn}, result: TDynamic, name: nameFirstArg, sql: parseJSON},
		"parsejson":  {args: []argKind{argStrOrDyn}, result: TDynamic, name: nameFirstArg, sql: parseJSON},
		"strcat": {args: []argKind{argAny}, repeat: true, result: TString, sql: func(e *ectx, a []*sqlExpr) string {
			var parts []string
			for _, x := range a {
				parts = append(parts, e.toString(x))
			}
			return "concat(" + strings.Join(parts, ", ") + ")"
		}},
		"tolower": {args: []argKind{argAny}, result: TString, sql: func(e *ectx, a []*sqlExpr) string { return "lower(" + e.toString(a[0]) + ")" }},
		"toupper": {args: []argKind{argAny}, result: TString, sql: func(e *ectx, a []*sqlExpr) string { return "upper(" + e.toString(a[0]) + ")" }},
		"strlen": {args: []argKind{argStrOrDyn}, result: TLong, name: namePrefixArg, prefix: "strlen", sql: func(e *ectx, a []*sqlExpr) string {
			return "length(" + e.toString(a[0]) + ")"
		}},
		"substring": {args: []argKind{argAny, argInteger, argInteger}, min: 2, result: TString, sql: func(e *ectx, a []*sqlExpr) string {
			src := e.toString(a[0])
			s := "substr(" + src + ", " + fromEnd(src, e.operand(a[1], TLong)) + " + 1"
			if len(a) == 3 {
				s += ", greatest(" + e.operand(a[2], TLong) + ", 0)"
			}
			return s + ")"
		}},
		"isempty":    {args: []argKind{argAny}, result: TBool, prec: precCompare, sql: func(e *ectx, a []*sqlExpr) string { return emptiness(e, a[0], true) }},
		"isnotempty": {args: []argKind{argAny}, result: TBool, prec: precCompare, sql: func(e *ectx, a []*sqlExpr) string { return emptiness(e, a[0], false) }},
		"isnull":     {args: []argKind{argAny}, result: TBool, prec: precCompare, sql: func(e *ectx, a []*sqlExpr) string { return nullness(a[0]) + " IS NULL" }},
		"isnotnull":  {args: []argKind{argAny}, result: TBool, prec: precCompare, sql: func(e *ectx, a []*sqlExpr) string { return nullness(a[0]) + " IS NOT NULL" }},
		"not": {args: []argKind{argBool}, result: TBool, prec: precNot, sql: func(e *ectx, a []*sqlExpr) string {
			b, _ := e.asBool(a[0], precNot)
			return "NOT " + b
		}},
		"split": {args: []argKind{argAny, argString, argInteger}, min: 2, result: TDynamic, name: nameFirstArg, sql: func(e *ectx, a []*sqlExpr) string {
			parts := "string_split(" + e.toString(a[0]) + ", " + e.toString(a[1]) + ")"
			if len(a) == 3 {
				i := e.operand(a[2], TLong) + " + 1"
				parts = "list_slice(" + parts + ", " + i + ", " + i + ")"
			}
			return "to_json(" + parts + ")"
		}},
		"array_length": {args: []argKind{argDynamic}, result: TLong, sql: func(e *ectx, a []*sqlExpr) string {
			return "CASE WHEN json_type(" + a[0].sql + ") = 'ARRAY' THEN CAST(json_array_length(" + a[0].sql + ") AS BIGINT) END"
		}},
		"isnan": {args: []argKind{argNumber}, result: TBool, sql: func(e *ectx, a []*sqlExpr) string { return "isnan(" + e.operand(a[0], TReal) + ")" }},
		// abs keeps the type of a long, real or timespan and makes an int long.
		"abs": {args: []argKind{argAny}, name: nameFirstArg, resultOf: func(a []*sqlExpr) (Type, bool) {
			if a[0].typ == TInt {
				return TLong, true
			}
			return a[0].typ, a[0].typ.isNumeric() || a[0].typ == TTimespan
		}, sql: func(e *ectx, a []*sqlExpr) string { return "abs(" + e.operand(a[0], a[0].typ) + ")" }},
	} {
		functions[name] = f
	}
}

// call compiles a function call: an aggregate inside summarize, or a scalar function.
func (e *ectx) call(x *parser.Call) (*sqlExpr, error) {
	name := x.Func.Name
	if fn := e.c.letFunction(name); fn != nil {
		return e.callLet(fn, x, x.Args)
	}
	if a, ok := aggregates[name]; ok && (e.aggOK || functions[name] == nil) {
		if !e.aggOK {
			return nil, e.errorf(x, CodeArgument, "The aggregation function '%s' can only be used in summarize", name)
		}
		if e.inAgg {
			return nil, e.errorf(x, CodeArgument, "Aggregation functions cannot be nested: '%s'", name)
		}
		return e.aggregate(x, a)
	}
	f, ok := functions[name]
	if !ok {
		if unsupportedFunctions[name] {
			return nil, e.errorf(x, CodeNotSupported, "the function '%s' is not supported yet", name)
		}
		return nil, e.errorf(x, CodeUnknownFunction, "Unknown function: '%s'", name)
	}
	if f.compile != nil {
		return f.compile(e, x)
	}
	return e.callScalar(f, x)
}

// callScalar compiles a call of a scalar function described by its
// arguments and SQL.
func (e *ectx) callScalar(f *function, x *parser.Call) (*sqlExpr, error) {
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if err := f.check(e, x, args); err != nil {
		return nil, err
	}
	t := f.result
	if f.resultOf != nil {
		var ok bool
		if t, ok = f.resultOf(args); !ok {
			return nil, incompatible(e, x, args)
		}
	}
	out := &sqlExpr{sql: f.sql(e, args), typ: t, prec: f.prec}
	out.atomic = atomicSQL(out.sql)
	for _, a := range args {
		out.agg = out.agg || a.agg
	}
	return out, nil
}

// args compiles a call's arguments.
func (e *ectx) args(x *parser.Call) ([]*sqlExpr, error) {
	args := make([]*sqlExpr, len(x.Args))
	for i, a := range x.Args {
		v, err := e.expr(a)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	return args, nil
}

// check validates the number and types of arguments.
func (f *function) check(e *ectx, x *parser.Call, args []*sqlExpr) error {
	lo, hi := len(f.args), len(f.args)
	if f.min > 0 {
		lo = f.min
	}
	if f.repeat {
		hi = 64
	}
	if len(args) < lo || len(args) > hi {
		want := fmt.Sprint(lo)
		if hi > lo && hi < 64 {
			want = fmt.Sprintf("%d to %d", lo, hi)
		} else if hi > lo {
			want = fmt.Sprintf("at least %d", lo)
		}
		return e.errorf(x, CodeArgument, "The function '%s' expects %s argument(s), but got %d", x.Func.Name, want, len(args))
	}
	for i, a := range args {
		k := f.args[min(i, len(f.args)-1)]
		if !k.accepts(a.typ) {
			return incompatible(e, x, args)
		}
	}
	return nil
}

func incompatible(e *ectx, x *parser.Call, args []*sqlExpr) error {
	var ts []string
	for _, a := range args {
		ts = append(ts, string(a.typ))
	}
	return e.errorf(x, CodeType, "The function '%s' is not compatible with arguments (%s)", x.Func.Name, strings.Join(ts, ", "))
}

// cast converts a value with Kusto's to*() semantics: failures give null.
func (e *ectx) cast(x *sqlExpr, to Type) string {
	if x.typ == to {
		return x.sql
	}
	switch to {
	case TString:
		return e.toString(x)
	case TDatetime:
		switch x.typ {
		case TString, TDynamic:
			s := x.sql
			if x.typ == TDynamic {
				s = jsonText(x)
			}
			// Text with a UTC offset goes through TIMESTAMPTZ so that the offset
			// applies; text without one is UTC, whatever DuckDB's TimeZone is.
			return "CASE WHEN regexp_matches(" + s + ", '(Z|[+-]\\d\\d:?\\d\\d)$') THEN timezone('UTC', TRY_CAST(" + s + " AS TIMESTAMPTZ)) ELSE TRY_CAST(" + s + " AS TIMESTAMP) END"
		case TLong, TInt, TReal:
			// tolong(datetime) counts ticks from 0001-01-01; todatetime(long) is its inverse.
			return "make_timestamp(CAST((" + x.sql + " - 621355968000000000) // 10 AS BIGINT))"
		}
		return "CAST(NULL AS TIMESTAMP)"
	case TBool:
		switch x.typ {
		case TString:
			return "TRY_CAST(" + x.sql + " AS BOOLEAN)"
		case TDynamic:
			return "TRY_CAST(" + jsonText(x) + " AS BOOLEAN)"
		case TLong, TInt, TReal:
			return "(" + x.sql + " <> 0)"
		}
		return "CAST(NULL AS BOOLEAN)"
	}
	// numeric targets
	dt := duckTypes[to]
	switch x.typ {
	case TString, TDynamic:
		s := x.sql
		if x.typ == TDynamic {
			s = jsonText(x)
		}
		if to == TReal {
			return "TRY_CAST(" + s + " AS DOUBLE)"
		}
		// Integers convert exactly; text with a fraction or an exponent is
		// truncated (DuckDB alone would round "2.7" to 3).
		return "CASE WHEN regexp_matches(" + s + ", '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(" + s + " AS DOUBLE)) AS " + dt + ") ELSE TRY_CAST(" + s + " AS " + dt + ") END"
	case TReal, TDecimal:
		if to == TReal {
			return x.sql
		}
		return "TRY_CAST(trunc(" + x.sql + ") AS " + dt + ")"
	case TDatetime:
		// The ticks overflow an int: null rather than an error.
		return "TRY_CAST(epoch_us(" + x.sql + ") * 10 + 621355968000000000 AS " + dt + ")"
	case TTimespan, TBool, TInt, TLong:
		return "TRY_CAST(" + x.sql + " AS " + dt + ")"
	}
	return "CAST(NULL AS " + dt + ")"
}

// parseJSON is parse_json: text that is not JSON becomes a dynamic string,
// and "" and the JSON text null are the null dynamic value (SQL NULL).
func parseJSON(e *ectx, a []*sqlExpr) string {
	if a[0].typ == TDynamic {
		return a[0].sql
	}
	return parseJSONSQL(a[0].sql)
}

// parseJSONSQL is parse_json(s) of a string: its JSON, or the string as a
// JSON string when it is not JSON, as Kusto does; "" and the JSON text null
// are the null dynamic value (SQL NULL).
func parseJSONSQL(s string) string {
	x := "nullif(" + s + ", '')"
	return "nullif(coalesce(TRY_CAST(" + x + " AS JSON), to_json(" + x + ")), 'null')"
}

// nullness returns SQL that is NULL exactly when x is null for Kusto: a
// dynamic value is null also when it holds JSON null (a stored column may).
func nullness(x *sqlExpr) string {
	if x.typ == TDynamic {
		return jsonText(x)
	}
	return paren(x)
}

func emptiness(e *ectx, x *sqlExpr, empty bool) string {
	switch x.typ {
	case TString, TGuid, TDynamic:
		s := x.sql
		if x.typ == TDynamic {
			s = jsonText(x)
		}
		if empty {
			return "coalesce(" + s + ", '') = ''"
		}
		return "coalesce(" + s + ", '') <> ''"
	}
	if empty {
		return paren(x) + " IS NULL"
	}
	return paren(x) + " IS NOT NULL"
}

// fromEnd is a zero-based start index in Kusto's convention, where a
// negative one counts back from the end of the string src.
func fromEnd(src, start string) string {
	return "(CASE WHEN " + start + " < 0 THEN greatest(length(" + src + ") + " + start + ", 0) ELSE " + start + " END)"
}
