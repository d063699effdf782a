package kql

import (
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// IPv4 functions and parse_url. An IPv4 address is text of four decimal
// octets (0-255), optionally with a prefix length (/0 to /32) that masks
// it; anything else is not an address and makes the result null.
func init() {
	for name, f := range map[string]*function{
		"parse_ipv4": {args: []argKind{argString}, resultOf: onlyType(TString, TLong), sql: func(e *ectx, a []*sqlExpr) string {
			return withIPv4(a[0].sql, "a", "a.m")
		}},
		"ipv4_is_private": {args: []argKind{argString}, resultOf: onlyType(TString, TBool), sql: func(e *ectx, a []*sqlExpr) string {
			// 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16.
			return withIPv4(a[0].sql, "a", "a.m // 16777216 = 10 OR a.m // 1048576 = 2753 OR a.m // 65536 = 49320")
		}},
		"ipv4_compare":         {compile: ipv4Pair("ipv4_compare", TLong, "sign(a.v // d - b.v // d)")},
		"ipv4_is_match":        {compile: ipv4Pair("ipv4_is_match", TBool, "a.v // d = b.v // d")},
		"ipv4_is_in_range":     {compile: compileIPv4InRange},
		"ipv4_is_in_any_range": {compile: compileIPv4InRange},
		"parse_url":            {args: []argKind{argString}, resultOf: onlyType(TString, TDynamic), sql: func(e *ectx, a []*sqlExpr) string { return parseURL(a[0].sql) }},
	} {
		functions[name] = f
	}
}

const ipv4RE = `^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:/(\d{1,2}))?$`

// ipv4Struct is SQL for the address in text s as a struct {v, p, m}: the
// address as a number, the prefix length (32 without one) and the masked
// address; null when s is not an address.
func ipv4Struct(s string) string {
	m := "regexp_extract(" + s + ", " + quoteString(ipv4RE) + ", ['o1', 'o2', 'o3', 'o4', 'p'])"
	o := func(f string) string { return "TRY_CAST(x." + f + " AS BIGINT)" }
	v := "(" + o("o1") + " * 16777216 + " + o("o2") + " * 65536 + " + o("o3") + " * 256 + " + o("o4") + ")"
	p := "CASE WHEN x.p = '' THEN 32 ELSE " + o("p") + " END"
	valid := "x.o1 <> '' AND " + o("o1") + " <= 255 AND " + o("o2") + " <= 255 AND " + o("o3") + " <= 255 AND " + o("o4") + " <= 255 AND (x.p = '' OR " + o("p") + " <= 32)"
	st := "CASE WHEN " + valid + " THEN {'v': " + v + ", 'p': " + p + ", 'm': " + v + " // (1::BIGINT << (32 - " + p + ")) * (1::BIGINT << (32 - " + p + "))} END"
	return "list_transform([" + m + "], lambda x: " + st + ")[1]"
}

// withIPv4 binds the address in text s to name and computes body over it;
// null when s is not an address.
func withIPv4(s, name, body string) string {
	return "list_transform([" + ipv4Struct(s) + "], lambda " + name + ": CASE WHEN " + name + " IS NOT NULL THEN " + body + " END)[1]"
}

// ipv4Pair is ipv4_compare and ipv4_is_match(a, b [, prefix]): the two
// addresses compared on the shortest of their prefixes and the optional
// prefix argument; body sees the addresses as a and b and the divisor of
// that prefix as d.
func ipv4Pair(fn string, t Type, body string) func(e *ectx, x *parser.Call) (*sqlExpr, error) {
	return func(e *ectx, x *parser.Call) (*sqlExpr, error) {
		if err := argCount(e, x, 2, 3); err != nil {
			return nil, err
		}
		args, err := e.args(x)
		if err != nil {
			return nil, err
		}
		if args[0].typ != TString || args[1].typ != TString || len(args) == 3 && !args[2].typ.isInteger() {
			return nil, incompatible(e, x, args)
		}
		p := "least(a.p, b.p)"
		if len(args) == 3 {
			n := e.operand(args[2], TLong)
			p = "CASE WHEN " + n + " BETWEEN 0 AND 32 THEN least(a.p, b.p, " + n + ") END"
		}
		inner := "list_transform([1::BIGINT << (32 - " + p + ")], lambda d: " + body + ")[1]"
		if t == TLong {
			inner = "CAST(" + inner + " AS BIGINT)"
		}
		sql := withIPv4(args[0].sql, "a", withIPv4(args[1].sql, "b", inner))
		return &sqlExpr{sql: sql, typ: t, atomic: true, agg: anyAgg(args)}, nil
	}
}

// compileIPv4InRange is ipv4_is_in_range(address, range) and
// ipv4_is_in_any_range(address, range, ...): whether the address, masked
// to a range's prefix, is the range's masked address. A range that is not
// an address is skipped; if none is an address, or the address is not,
// the result is null.
func compileIPv4InRange(e *ectx, x *parser.Call) (*sqlExpr, error) {
	hi := 2
	if x.Func.Name == "ipv4_is_in_any_range" {
		hi = 64
	}
	if err := argCount(e, x, 2, hi); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	for i, a := range args {
		if a.typ == TDynamic && i > 0 && hi > 2 {
			return nil, e.errorf(x.Args[i], CodeNotSupported, "%s with a dynamic array of ranges is not supported yet", x.Func.Name)
		}
		if a.typ != TString {
			return nil, incompatible(e, x, args)
		}
	}
	var ranges []string
	for _, a := range args[1:] {
		ranges = append(ranges, ipv4Struct(a.sql))
	}
	body := "CASE WHEN len(list_filter(rs, lambda b: b IS NOT NULL)) > 0 THEN list_bool_or(list_transform(list_filter(rs, lambda b: b IS NOT NULL), " +
		"lambda b: a.v // (1::BIGINT << (32 - b.p)) = b.m // (1::BIGINT << (32 - b.p)))) END"
	sql := withIPv4(args[0].sql, "a", "list_transform([["+strings.Join(ranges, ", ")+"]], lambda rs: "+body+")[1]")
	return &sqlExpr{sql: sql, typ: TBool, atomic: true, agg: anyAgg(args)}, nil
}

// urlRE splits an absolute URL: scheme://[user:password@]authority[path][?query][#fragment].
// Kusto recognises user information only with a password, and splits the
// authority into host and port at its last colon; a text that is not
// scheme://... gives every part empty.
const urlRE = `^([^:/?#]+)://(?:([^:/?#@]*):([^/?#@]*)@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$`

// parseURL is parse_url(s): a bag of Scheme, Host, Port, Path, Username,
// Password, Query Parameters (a bag of the name=value pairs, names in
// order, values URL-decoded, a repeated name's values joined with ",")
// and Fragment, each a string.
func parseURL(s string) string {
	m := "regexp_extract(" + s + ", " + quoteString(urlRE) + ", ['scheme', 'user', 'pass', 'auth', 'path', 'query', 'frag'])"
	last := "(length(u.auth) - strpos(reverse(u.auth), ':') + 1)"
	host := "CASE WHEN contains(u.auth, ':') THEN left(u.auth, " + last + " - 1) ELSE u.auth END"
	port := "CASE WHEN contains(u.auth, ':') THEN substr(u.auth, " + last + " + 1) ELSE '' END"
	decode := func(x string) string { return "coalesce(TRY(url_decode(replace(" + x + ", '+', ' '))), " + x + ")" }
	pairs := "list_transform(list_filter(string_split(u.query, '&'), lambda q: contains(q, '=')), lambda q: {'k': " +
		decode("split_part(q, '=', 1)") + ", 'v': " + decode("substr(q, strpos(q, '=') + 1)") + "})"
	params := "list_transform([" + pairs + "], lambda ps: to_json(map_from_entries(list_transform(list_sort(list_distinct(list_transform(ps, lambda p: p.k))), " +
		"lambda k: {'key': k, 'value': array_to_string(list_transform(list_filter(ps, lambda p: p.k = k), lambda p: p.v), ',')}))))[1]"
	obj := "json_object('Scheme', u.scheme, 'Host', " + host + ", 'Port', " + port + ", 'Path', u.path, 'Username', u.user, 'Password', u.pass, " +
		"'Query Parameters', coalesce(" + params + ", CAST('{}' AS JSON)), 'Fragment', u.frag)"
	return "list_transform([" + m + "], lambda u: " + obj + ")[1]"
}
