package kql

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// Scalar functions for dates, dynamic values, regular expressions and
// base64, each one entry; see functions.go for the table's shape.
func init() {
	for name, f := range map[string]*function{
		"datetime_add":    {compile: compileDatetimeAdd},
		"format_datetime": {compile: compileFormatDatetime, name: nameFirstArg},
		"pack_array": {args: []argKind{argAny}, repeat: true, result: TDynamic, sql: func(e *ectx, a []*sqlExpr) string {
			var parts []string
			for _, x := range a {
				parts = append(parts, e.jsonValue(x))
			}
			return "json_array(" + strings.Join(parts, ", ") + ")"
		}},
		"bag_pack": {compile: compileBagPack},
		"pack":     {compile: compileBagPack},
		"bag_keys": {args: []argKind{argDynamic}, result: TDynamic, sql: func(e *ectx, a []*sqlExpr) string {
			return "CASE WHEN json_type(" + a[0].sql + ") = 'OBJECT' THEN to_json(json_keys(" + a[0].sql + ")) END"
		}},
		"strcat_array": {compile: compileStrcatArray},
		"array_concat": {args: []argKind{argDynamic}, repeat: true, result: TDynamic, sql: func(e *ectx, a []*sqlExpr) string {
			var arrays, lists []string
			for _, x := range a {
				arrays = append(arrays, "json_type("+x.sql+") = 'ARRAY'")
				lists = append(lists, "CAST(json_extract("+x.sql+", '$[*]') AS JSON[])")
			}
			concat := lists[0]
			for _, l := range lists[1:] {
				concat = "list_concat(" + concat + ", " + l + ")"
			}
			return "CASE WHEN " + strings.Join(arrays, " AND ") + " THEN to_json(" + concat + ") END"
		}},
		"replace_regex": {compile: compileReplaceRegex},
		"extract_all":   {compile: compileExtractAll},
		"trim":          {compile: trimFn("trim", true, true)},
		"trim_start":    {compile: trimFn("trim_start", true, false)},
		"trim_end":      {compile: trimFn("trim_end", false, true)},
		"base64_encode_tostring": {args: []argKind{argString}, result: TString, sql: func(e *ectx, a []*sqlExpr) string {
			return "to_base64(encode(" + e.toString(a[0]) + "))"
		}},
		"base64_decode_tostring": {args: []argKind{argString}, result: TString, sql: func(e *ectx, a []*sqlExpr) string {
			// Text that is not base64 of UTF-8 gives "", not an error.
			return "coalesce(TRY(decode(from_base64(" + e.toString(a[0]) + "))), '')"
		}},
	} {
		functions[name] = f
	}
}

// jsonValue returns SQL for x as a JSON value, as Kusto puts a scalar into
// a dynamic array or bag: datetimes and timespans as their text.
func (e *ectx) jsonValue(x *sqlExpr) string {
	switch x.typ {
	case TDynamic:
		return x.sql
	case TDatetime, TTimespan:
		return "to_json(NULLIF(" + e.toString(x) + ", ''))"
	}
	return e.convert(x, TDynamic)
}

// constString returns the value of a constant string argument.
func constString(e *ectx, fn string, n parser.Node, x *sqlExpr, what string) (string, error) {
	if x.typ != TString || x.konst == nil || x.konst.null {
		return "", e.errorf(n, CodeArgument, "The %s of '%s' must be a constant string", what, fn)
	}
	return x.konst.str, nil
}

// constRegex returns a constant regular expression argument, checked.
func constRegex(e *ectx, fn string, n parser.Node, x *sqlExpr) (*regexp.Regexp, error) {
	s, err := constString(e, fn, n, x, "regular expression")
	if err != nil {
		return nil, err
	}
	re, err := regexp.Compile(s)
	if err != nil {
		return nil, e.errorf(n, CodeArgument, "The regular expression %q is not valid: %v", s, err)
	}
	return re, nil
}

func argCount(e *ectx, x *parser.Call, lo, hi int) error {
	if len(x.Args) < lo || len(x.Args) > hi {
		want := fmt.Sprint(lo)
		if hi > lo {
			want = fmt.Sprintf("%d to %d", lo, hi)
		}
		return e.errorf(x, CodeArgument, "The function '%s' expects %s argument(s), but got %d", x.Func.Name, want, len(x.Args))
	}
	return nil
}

func anyAgg(args []*sqlExpr) bool {
	for _, a := range args {
		if a.agg {
			return true
		}
	}
	return false
}

// datetimeAddUnits maps datetime_add's parts to a DuckDB interval function
// and a multiplier.
var datetimeAddUnits = map[string]struct {
	fn string
	n  string
}{
	"year": {"to_years", ""}, "quarter": {"to_months", " * 3"}, "month": {"to_months", ""}, "week": {"to_days", " * 7"},
	"day": {"to_days", ""}, "hour": {"to_hours", ""}, "minute": {"to_minutes", ""}, "second": {"to_seconds", ""},
	"millisecond": {"to_milliseconds", ""}, "microsecond": {"to_microseconds", ""},
}

// compileDatetimeAdd is datetime_add(part, amount, datetime).
func compileDatetimeAdd(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 3, 3); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if args[0].typ != TString || !args[1].typ.isInteger() || args[2].typ != TDatetime {
		return nil, incompatible(e, x, args)
	}
	part, err := constString(e, "datetime_add", x.Args[0], args[0], "part")
	if err != nil {
		return nil, err
	}
	u, ok := datetimeAddUnits[strings.ToLower(part)]
	if !ok {
		return nil, e.errorf(x.Args[0], CodeNotSupported, "datetime_add by '%s' is not supported yet", part)
	}
	n := "CAST(" + args[1].sql + " AS BIGINT)" + u.n
	if u.fn == "to_years" || u.fn == "to_months" {
		n = "CAST(" + args[1].sql + u.n + " AS INTEGER)"
	}
	return &sqlExpr{sql: "(" + args[2].sql + " + " + u.fn + "(" + n + "))", typ: TDatetime, atomic: true, agg: anyAgg(args)}, nil
}

// datetimeFormats maps the format specifiers format_datetime supports to
// DuckDB's strftime.
var datetimeFormats = map[string]string{
	"yyyy": "%Y", "yy": "%y", "MM": "%m", "M": "%-m", "dd": "%d", "d": "%-d", "HH": "%H", "H": "%-H",
	"hh": "%I", "h": "%-I", "mm": "%M", "m": "%-M", "ss": "%S", "s": "%-S", "fff": "%g", "ffffff": "%f", "tt": "%p",
}

// strftimeFormat translates a Kusto datetime format into strftime's.
func strftimeFormat(f string) (string, string, bool) {
	var b strings.Builder
	for i := 0; i < len(f); {
		c := f[i]
		j := i
		for j < len(f) && f[j] == c {
			j++
		}
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			s, ok := datetimeFormats[f[i:j]]
			if !ok {
				return "", f[i:j], false
			}
			b.WriteString(s)
		case strings.IndexByte(" /-:,._[]T", c) >= 0:
			b.WriteString(f[i:j])
		default:
			return "", f[i:j], false
		}
		i = j
	}
	return b.String(), "", true
}

// compileFormatDatetime is format_datetime(datetime, format) with a constant format.
func compileFormatDatetime(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 2, 2); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if args[0].typ != TDatetime || args[1].typ != TString {
		return nil, incompatible(e, x, args)
	}
	f, err := constString(e, "format_datetime", x.Args[1], args[1], "format")
	if err != nil {
		return nil, err
	}
	sf, bad, ok := strftimeFormat(f)
	if !ok {
		return nil, e.errorf(x.Args[1], CodeNotSupported, "the format specifier '%s' of format_datetime is not supported yet (supported: yyyy yy MM M dd d HH H hh h mm m ss s fff ffffff tt and the separators / - : , . _ [ ] T and space)", bad)
	}
	return &sqlExpr{sql: "coalesce(strftime(" + args[0].sql + ", " + e.c.arg(sf) + "), '')", typ: TString, atomic: true, agg: args[0].agg}, nil
}

// compileBagPack is bag_pack(key1, value1, ...) and its older name pack.
func compileBagPack(e *ectx, x *parser.Call) (*sqlExpr, error) {
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if len(args)%2 != 0 {
		return nil, e.errorf(x, CodeArgument, "The function '%s' expects an even number of arguments (key, value pairs), but got %d", x.Func.Name, len(args))
	}
	var parts []string
	for i := 0; i < len(args); i += 2 {
		if args[i].typ != TString {
			return nil, incompatible(e, x, args)
		}
		parts = append(parts, args[i].sql, e.jsonValue(args[i+1]))
	}
	return &sqlExpr{sql: "json_object(" + strings.Join(parts, ", ") + ")", typ: TDynamic, atomic: true, agg: anyAgg(args)}, nil
}

// compileReplaceRegex is replace_regex(source, regex, rewrite): every match
// replaced; \1 in rewrite is the first capture group.
func compileReplaceRegex(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 3, 3); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	for _, a := range args {
		if a.typ != TString && a.typ != TDynamic {
			return nil, incompatible(e, x, args)
		}
	}
	if _, err := constRegex(e, "replace_regex", x.Args[1], args[1]); err != nil {
		return nil, err
	}
	sql := "regexp_replace(" + e.toString(args[0]) + ", " + args[1].sql + ", " + e.toString(args[2]) + ", 'g')"
	return &sqlExpr{sql: sql, typ: TString, atomic: true, agg: anyAgg(args)}, nil
}

// compileExtractAll is extract_all(regex, source) with at most one capture
// group: the dynamic array of every match (of the group), null if none.
func compileExtractAll(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if len(x.Args) == 3 {
		return nil, e.errorf(x, CodeNotSupported, "extract_all with a list of capture groups is not supported yet")
	}
	if err := argCount(e, x, 2, 2); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if args[0].typ != TString || args[1].typ != TString && args[1].typ != TDynamic {
		return nil, incompatible(e, x, args)
	}
	re, err := constRegex(e, "extract_all", x.Args[0], args[0])
	if err != nil {
		return nil, err
	}
	group := "0"
	switch re.NumSubexp() {
	case 0:
	case 1:
		group = "1"
	default:
		return nil, e.errorf(x.Args[0], CodeNotSupported, "extract_all with several capture groups is not supported yet")
	}
	l := "regexp_extract_all(" + e.toString(args[1]) + ", " + args[0].sql + ", " + group + ")"
	return &sqlExpr{sql: "CASE WHEN len(" + l + ") > 0 THEN to_json(" + l + ") END", typ: TDynamic, atomic: true, agg: args[1].agg}, nil
}

// trimFn is trim(regex, source), trim_start and trim_end: leading and/or
// trailing matches of regex removed.
func trimFn(name string, start, end bool) func(e *ectx, x *parser.Call) (*sqlExpr, error) {
	return func(e *ectx, x *parser.Call) (*sqlExpr, error) {
		if err := argCount(e, x, 2, 2); err != nil {
			return nil, err
		}
		args, err := e.args(x)
		if err != nil {
			return nil, err
		}
		if args[0].typ != TString || args[1].typ != TString && args[1].typ != TDynamic && args[1].typ != TGuid {
			return nil, incompatible(e, x, args)
		}
		re, err := constRegex(e, name, x.Args[0], args[0])
		if err != nil {
			return nil, err
		}
		s := e.toString(args[1])
		if start {
			s = "regexp_replace(" + s + ", " + e.c.arg("^(?:"+re.String()+")+") + ", '')"
		}
		if end {
			s = "regexp_replace(" + s + ", " + e.c.arg("(?:"+re.String()+")+$") + ", '')"
		}
		return &sqlExpr{sql: s, typ: TString, atomic: true, agg: args[1].agg}, nil
	}
}

// strcatArray is strcat_array(array, delimiter).
var strcatArray = &function{args: []argKind{argDynamic, argString}, result: TString, sql: func(e *ectx, a []*sqlExpr) string {
	return "CASE WHEN json_type(" + a[0].sql + ") = 'ARRAY' THEN array_to_string(list_transform(CAST(json_extract(" + a[0].sql +
		", '$[*]') AS JSON[]), v -> coalesce(json_extract_string(v, '$'), '')), " + e.toString(a[1]) + ") ELSE '' END"
}}

// compileStrcatArray is strcat_array, whose delimiter DuckDB wants constant.
func compileStrcatArray(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if len(x.Args) == 2 {
		if _, ok := x.Args[1].(*parser.Literal); !ok {
			return nil, e.errorf(x.Args[1], CodeNotSupported, "strcat_array with a delimiter that is not a constant string is not supported yet")
		}
	}
	return e.callScalar(strcatArray, x)
}
