package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// String functions: replace, translate, reverse, countof, strcmp,
// isascii, strrep,
// url_encode, url_encode_component, url_decode, hash_sha256, hash_sha1,
// hash_md5, tohex, toguid, gettype, extract_json / extractjson and
// columnifexists / column_ifexists.
func init() {
	// The hash of a string is of its UTF-8 bytes, in lower-case hex; which
	// bytes Kusto hashes for other types is not documented.
	hash := func(fn string) *function {
		return &function{compile: func(e *ectx, x *parser.Call) (*sqlExpr, error) {
			if err := argCount(e, x, 1, 1); err != nil {
				return nil, err
			}
			args, err := e.args(x)
			if err != nil {
				return nil, err
			}
			if args[0].typ != TString {
				return nil, e.errorf(x.Args[0], CodeNotSupported, "%s() of a %s is not supported yet; hash tostring() of it", x.Func.Name, args[0].typ)
			}
			return &sqlExpr{sql: fn + "(" + args[0].sql + ")", typ: TString, atomic: true, agg: args[0].agg}, nil
		}}
	}
	for name, f := range map[string]*function{
		"replace": {compile: compileReplace},
		"translate": {args: []argKind{argString, argString, argString}, resultOf: allType(TString, TString), sql: func(e *ectx, a []*sqlExpr) string {
			// A replacement list shorter than the search list repeats its
			// last character; an empty one deletes the characters.
			s, r := a[0].sql, a[1].sql
			return "translate(" + a[2].sql + ", " + s + ", CASE WHEN " + r + " = '' THEN '' ELSE rpad(" + r + ", CAST(greatest(length(" + s + "), length(" + r + ")) AS INTEGER), right(" + r + ", 1)) END)"
		}},
		"reverse": {args: []argKind{argAny}, result: TString, sql: func(e *ectx, a []*sqlExpr) string {
			return "reverse(" + e.toString(a[0]) + ")"
		}},
		"countof": {compile: compileCountof},
		// Ordinal comparison: -1, 0 or 1.
		"strcmp": {args: []argKind{argString, argString}, resultOf: allType(TString, TLong), sql: func(e *ectx, a []*sqlExpr) string {
			return "CAST(CASE WHEN " + a[0].sql + " < " + a[1].sql + " THEN -1 WHEN " + a[0].sql + " > " + a[1].sql + " THEN 1 WHEN " + a[0].sql + " = " + a[1].sql + " THEN 0 END AS BIGINT)"
		}},
		"isascii": {args: []argKind{argString}, resultOf: onlyType(TString, TBool), sql: func(e *ectx, a []*sqlExpr) string {
			return "regexp_matches(" + a[0].sql + ", '^[\\x00-\\x7F]*$')"
		}},
		"strrep": {args: []argKind{argAny, argInteger, argAny}, min: 2, result: TString, sql: func(e *ectx, a []*sqlExpr) string {
			m := e.operand(a[1], TLong)
			n := "least(" + m + ", 1024)" // least would skip a null m
			d := "''"
			if len(a) == 3 {
				d = e.toString(a[2])
			}
			v := e.toString(a[0])
			return "CASE WHEN " + m + " >= 1 THEN array_to_string(list_transform(range(" + n + "), lambda __i: " + v + "), " + d + ") ELSE '' END"
		}},
		"url_encode":           urlEncode(true),
		"url_encode_component": urlEncode(false),
		"url_decode": {args: []argKind{argString}, resultOf: onlyType(TString, TString), sql: func(e *ectx, a []*sqlExpr) string {
			return "TRY(url_decode(replace(" + a[0].sql + ", '+', ' ')))"
		}},
		"hash_sha256": hash("sha256"),
		"hash_sha1":   hash("sha1"),
		"hash_md5":    hash("md5"),
		"tohex": {args: []argKind{argInteger, argInteger}, min: 1, name: nameFirstArg, resultOf: func(a []*sqlExpr) (Type, bool) {
			return TString, a[0].typ.isInteger() && (len(a) == 1 || a[1].typ.isInteger())
		}, sql: func(e *ectx, a []*sqlExpr) string {
			// .NET's ToString("x"): two's complement of the type's width.
			v := a[0].sql
			if a[0].typ == TInt {
				v = "(CAST(" + v + " AS BIGINT) & 4294967295)"
			}
			s := "lower(hex(" + v + "))"
			if len(a) == 2 {
				s = "lpad(" + s + ", CAST(greatest(" + e.operand(a[1], TLong) + ", length(" + s + ")) AS INTEGER), '0')"
			}
			return s
		}},
		"toguid": {args: []argKind{argAny}, name: nameFirstArg, resultOf: func(a []*sqlExpr) (Type, bool) {
			return TGuid, a[0].typ == TString || a[0].typ == TGuid
		}, sql: func(e *ectx, a []*sqlExpr) string {
			if a[0].typ == TGuid {
				return a[0].sql
			}
			// The forms .NET's Guid.Parse reads: 32 digits, with hyphens,
			// in braces or in parentheses.
			d := "lower(regexp_replace(" + a[0].sql + ", '[-{}()]', '', 'g'))"
			return "CASE WHEN regexp_matches(" + a[0].sql + ", '^([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}|\\([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\))$') THEN " +
				"substr(" + d + ", 1, 8) || '-' || substr(" + d + ", 9, 4) || '-' || substr(" + d + ", 13, 4) || '-' || substr(" + d + ", 17, 4) || '-' || substr(" + d + ", 21, 12) END"
		}},
		"todecimal": {compile: func(e *ectx, x *parser.Call) (*sqlExpr, error) {
			return nil, e.errorf(x, CodeNotSupported, "the function 'todecimal' is not supported: secexport has no exact 128-bit decimal type")
		}},
		"gettype": {args: []argKind{argAny}, result: TString, name: namePrefixArg, prefix: "type", sql: func(e *ectx, a []*sqlExpr) string {
			if a[0].typ != TDynamic {
				return e.c.arg(string(a[0].typ))
			}
			v := a[0].sql
			return "CASE coalesce(json_type(" + v + "), 'NULL') WHEN 'OBJECT' THEN 'dictionary' WHEN 'ARRAY' THEN 'array' WHEN 'VARCHAR' THEN 'string' " +
				"WHEN 'DOUBLE' THEN 'real' WHEN 'BOOLEAN' THEN 'bool' WHEN 'NULL' THEN 'null' " +
				"ELSE CASE WHEN TRY_CAST(" + v + " AS INTEGER) IS NOT NULL THEN 'int' ELSE 'long' END END"
		}},
		"extract_json":    {compile: compileExtractJSON},
		"extractjson":     {compile: compileExtractJSON},
		"columnifexists":  {compile: compileColumnIfExists, nameOf: columnIfExistsName},
		"column_ifexists": {compile: compileColumnIfExists, nameOf: columnIfExistsName},
	} {
		functions[name] = f
	}
}

// allType: every argument is of type in (no dynamic values); the result is out.
func allType(in, out Type) func(a []*sqlExpr) (Type, bool) {
	return func(a []*sqlExpr) (Type, bool) {
		for _, x := range a {
			if x.typ != in {
				return "", false
			}
		}
		return out, true
	}
}

// urlEncode is url_encode (a space is '+') and url_encode_component (a
// space is %20), as .NET's HttpUtility.UrlEncode writes them: letters,
// digits and - _ . ! * ( ) as they are, every other byte of the UTF-8 text
// as %xx in lower case. DuckDB's url_encode keeps ~ and encodes ! * ( ),
// and writes upper case, which the SQL corrects.
func urlEncode(plus bool) *function {
	return &function{args: []argKind{argString}, resultOf: onlyType(TString, TString), sql: func(e *ectx, a []*sqlExpr) string {
		s := "url_encode(" + a[0].sql + ")"
		for _, r := range [][2]string{{"%21", "!"}, {"%2A", "*"}, {"%28", "("}, {"%29", ")"}, {"~", "%7E"}} {
			s = "replace(" + s + ", '" + r[0] + "', '" + r[1] + "')"
		}
		if plus {
			s = "replace(" + s + ", '%20', '+')"
		}
		return "array_to_string(list_transform(string_split(" + s + ", '%'), lambda __p, __i: CASE WHEN __i = 1 THEN __p ELSE lower(left(__p, 2)) || substr(__p, 3) END), '%')"
	}}
}

// compileReplace is replace(regex, rewrite, text), the older name and
// argument order of replace_regex(text, regex, rewrite).
func compileReplace(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 3, 3); err != nil {
		return nil, err
	}
	return compileReplaceRegex(e, &parser.Call{Func: x.Func, Args: []parser.Expr{x.Args[2], x.Args[0], x.Args[1]}, Rparen: x.Rparen})
}

// compileCountof is countof(text, search [, kind]): the occurrences of a
// constant search string, overlapping ones counted ("normal"), or the
// non-overlapping matches of a constant regular expression ("regex").
func compileCountof(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 2, 3); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	for _, a := range args {
		if a.typ != TString {
			return nil, incompatible(e, x, args)
		}
	}
	kind := "normal"
	if len(args) == 3 {
		if kind, err = constString(e, "countof", x.Args[2], args[2], "kind"); err != nil {
			return nil, err
		}
	}
	text := args[0].sql
	switch kind {
	case "normal":
		if args[1].konst == nil || args[1].konst.null {
			return nil, e.errorf(x.Args[1], CodeNotSupported, "countof() with a search string that is not constant is not supported yet")
		}
		s := args[1].konst.str
		if s == "" {
			return nil, e.errorf(x.Args[1], CodeNotSupported, "countof() of an empty string is not supported")
		}
		n := strconv.Itoa(len([]rune(s)))
		sql := "CAST(len(list_filter(range(1, length(" + text + ") - " + n + " + 2), lambda __i: substr(" + text + ", __i, " + n + ") = " + args[1].sql + ")) AS BIGINT)"
		return &sqlExpr{sql: sql, typ: TLong, atomic: true, agg: args[0].agg}, nil
	case "regex":
		if _, err := constRegex(e, "countof", x.Args[1], args[1]); err != nil {
			return nil, err
		}
		sql := "CAST(len(regexp_extract_all(" + text + ", " + args[1].sql + ")) AS BIGINT)"
		return &sqlExpr{sql: sql, typ: TLong, atomic: true, agg: args[0].agg}, nil
	}
	return nil, e.errorf(x.Args[2], CodeArgument, "The kind of 'countof' must be \"normal\" or \"regex\", not %q", kind)
}

// compileExtractJSON is extract_json(path, text [, typeof(T)]) with a
// constant path of member names and indexes ($.a.b, $['a'], $.a[0]): the
// value's text, "" when it is missing, or with typeof(T) the value
// converted to T.
func compileExtractJSON(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 2, 3); err != nil {
		return nil, err
	}
	args, err := e.args(&parser.Call{Func: x.Func, Args: x.Args[:2], Rparen: x.Rparen})
	if err != nil {
		return nil, err
	}
	if args[0].typ != TString || args[1].typ != TString && args[1].typ != TDynamic {
		return nil, incompatible(e, x, args)
	}
	p, err := constString(e, x.Func.Name, x.Args[0], args[0], "JSON path")
	if err != nil {
		return nil, err
	}
	path, ok := duckJSONPath(p)
	if !ok {
		return nil, e.errorf(x.Args[0], CodeNotSupported, "the JSON path %q is not supported yet (supported: $ followed by .name, ['name'] and [index])", p)
	}
	doc := e.toString(args[1])
	text := "json_extract_string(TRY_CAST(" + doc + " AS JSON), " + quoteString(path) + ")"
	out := &sqlExpr{sql: "coalesce(" + text + ", '')", typ: TString, atomic: true, agg: args[1].agg}
	if len(x.Args) == 3 {
		tr, ok := x.Args[2].(*parser.TypeRef)
		if !ok {
			return nil, e.errorf(x.Args[2], CodeArgument, "The 3rd argument of '%s' must be typeof(type)", x.Func.Name)
		}
		t, ok := typeAliases[tr.Type]
		if !ok {
			return nil, e.errorf(tr, CodeArgument, "Unknown type '%s'", tr.Type)
		}
		if t == TDynamic || t == TDecimal || t == TTimespan || t == TGuid {
			return nil, e.errorf(tr, CodeNotSupported, "%s with typeof(%s) is not supported yet", x.Func.Name, tr.Type)
		}
		if t != TString {
			s := &sqlExpr{sql: text, typ: TString, atomic: true}
			out.sql, out.typ = e.cast(s, t), t
			out.atomic = atomicSQL(out.sql)
		}
	}
	return out, nil
}

// duckJSONPath translates a simple JSONPath into DuckDB's.
func duckJSONPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "$") {
		return "", false
	}
	var b strings.Builder
	b.WriteString("$")
	rest := p[1:]
	for rest != "" {
		switch {
		case rest[0] == '.':
			j := 1
			for j < len(rest) && rest[j] != '.' && rest[j] != '[' {
				j++
			}
			name := rest[1:j]
			if name == "" || name == "*" {
				return "", false
			}
			b.WriteString(jsonKey(name))
			rest = rest[j:]
		case strings.HasPrefix(rest, "['") || strings.HasPrefix(rest, `["`):
			q := rest[1]
			end := strings.IndexByte(rest[2:], q)
			if end < 0 || !strings.HasPrefix(rest[2+end:], string(q)+"]") {
				return "", false
			}
			b.WriteString(jsonKey(rest[2 : 2+end]))
			rest = rest[2+end+2:]
		case rest[0] == '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return "", false
			}
			n, err := strconv.Atoi(rest[1:end])
			if err != nil || n < 0 {
				return "", false
			}
			b.WriteString("[" + strconv.Itoa(n) + "]")
			rest = rest[end+1:]
		default:
			return "", false
		}
	}
	return b.String(), true
}

// compileColumnIfExists is columnifexists(name, default): the column of
// that (constant) name if the row has it, otherwise the default.
func compileColumnIfExists(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 2, 2); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	name, err := constString(e, x.Func.Name, x.Args[0], args[0], "column name")
	if err != nil {
		return nil, err
	}
	if e.r != nil {
		if col := e.r.lookup(name); col != nil {
			return e.name(&parser.Ident{Name: name, NameSpan: x.Args[0].Span()})
		}
	}
	return args[1], nil
}

// columnIfExistsName: the column's name when it exists, else a ColumnN.
func columnIfExistsName(c *compiler, x *parser.Call, r *relation) string {
	if len(x.Args) == 0 || r == nil {
		return ""
	}
	if lit, ok := x.Args[0].(*parser.Literal); ok && lit.Kind == parser.LitString && r.lookup(lit.Text) != nil {
		return lit.Text
	}
	return ""
}
