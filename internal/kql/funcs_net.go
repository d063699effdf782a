package kql

import (
	"encoding/json"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// IPv4 functions and parse_url. An IPv4 address is text of four decimal
// octets (0-255), optionally with a prefix length (/0 to /32) that masks
// it; anything else is not an address and makes the result null.
func init() {
	for name, f := range map[string]*function{
		"parse_ipv4": {args: []argKind{argString}, resultOf: onlyType(TString, TLong), sql: func(e *ectx, a []*sqlExpr) string {
			return withIPv4(a[0].sql, "__a", "__a.m")
		}},
		"ipv4_is_private": {args: []argKind{argString}, resultOf: onlyType(TString, TBool), sql: func(e *ectx, a []*sqlExpr) string {
			// 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16.
			return withIPv4(a[0].sql, "__a", "__a.m // 16777216 = 10 OR __a.m // 1048576 = 2753 OR __a.m // 65536 = 49320")
		}},
		"ipv4_compare":         {compile: ipv4Pair("ipv4_compare", TLong, "sign(__a.v // __d - __b.v // __d)")},
		"ipv4_is_match":        {compile: ipv4Pair("ipv4_is_match", TBool, "__a.v // __d = __b.v // __d")},
		"ipv4_is_in_range":     {compile: compileIPv4InRange},
		"ipv4_is_in_any_range": {compile: compileIPv4InRange},
		"ipv4_netmask_suffix": {args: []argKind{argString}, resultOf: onlyType(TString, TLong), sql: func(e *ectx, a []*sqlExpr) string {
			return withIPv4(a[0].sql, "__a", "CAST(__a.p AS BIGINT)")
		}},
		"parse_ipv4_mask": {args: []argKind{argString, argInteger}, resultOf: func(a []*sqlExpr) (Type, bool) {
			return TLong, a[0].typ == TString && a[1].typ.isInteger()
		}, sql: func(e *ectx, a []*sqlExpr) string {
			n := e.operand(a[1], TLong)
			d := "(1::BIGINT << (32 - least(__a.p, " + n + ")))"
			return withIPv4(a[0].sql, "__a", "CASE WHEN "+n+" BETWEEN 0 AND 32 THEN __a.v // "+d+" * "+d+" END")
		}},
		"format_ipv4":      {compile: formatIPv4(false)},
		"format_ipv4_mask": {compile: formatIPv4(true)},
		"has_ipv4":         {compile: compileHasIPv4},
		"has_any_ipv4":     {compile: compileHasIPv4},
		"parse_url":        {args: []argKind{argString}, resultOf: onlyType(TString, TDynamic), sql: func(e *ectx, a []*sqlExpr) string { return parseURL(a[0].sql) }},
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
	o := func(f string) string { return "TRY_CAST(__ip." + f + " AS BIGINT)" }
	v := "(" + o("o1") + " * 16777216 + " + o("o2") + " * 65536 + " + o("o3") + " * 256 + " + o("o4") + ")"
	p := "CASE WHEN __ip.p = '' THEN 32 ELSE " + o("p") + " END"
	valid := "__ip.o1 <> '' AND " + o("o1") + " <= 255 AND " + o("o2") + " <= 255 AND " + o("o3") + " <= 255 AND " + o("o4") + " <= 255 AND (__ip.p = '' OR " + o("p") + " <= 32)"
	st := "CASE WHEN " + valid + " THEN {'v': " + v + ", 'p': " + p + ", 'm': " + v + " // (1::BIGINT << (32 - " + p + ")) * (1::BIGINT << (32 - " + p + "))} END"
	return "list_transform([" + m + "], lambda __ip: " + st + ")[1]"
}

// withIPv4 binds the address in text s to name and computes body over it;
// null when s is not an address.
func withIPv4(s, name, body string) string {
	return "list_transform([" + ipv4Struct(s) + "], lambda " + name + ": CASE WHEN " + name + " IS NOT NULL THEN " + body + " END)[1]"
}

// ipv4Pair is ipv4_compare and ipv4_is_match(a, b [, prefix]): the two
// addresses compared on the shortest of their prefixes and the optional
// prefix argument; body sees the addresses as __a and __b and the
// divisor of that prefix as __d.
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
		p := "least(__a.p, __b.p)"
		if len(args) == 3 {
			n := e.operand(args[2], TLong)
			p = "CASE WHEN " + n + " BETWEEN 0 AND 32 THEN least(__a.p, __b.p, " + n + ") END"
		}
		inner := "list_transform([1::BIGINT << (32 - " + p + ")], lambda __d: " + body + ")[1]"
		if t == TLong {
			inner = "CAST(" + inner + " AS BIGINT)"
		}
		sql := withIPv4(args[0].sql, "__a", withIPv4(args[1].sql, "__b", inner))
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
	var ranges []string
	for i, a := range args {
		switch {
		case a.typ == TDynamic && i > 0 && hi > 2:
			// A constant array of ranges, as a let of dynamic(["10.0.0.0/8", ...]) gives.
			var rs []string
			if a.konst == nil || a.konst.null || json.Unmarshal([]byte(a.konst.str), &rs) != nil {
				return nil, e.errorf(x.Args[i], CodeNotSupported, "%s with ranges that are not constant strings or a constant dynamic array of strings is not supported yet", x.Func.Name)
			}
			for _, r := range rs {
				ranges = append(ranges, ipv4Struct(e.c.arg(r)))
			}
		case a.typ != TString:
			return nil, incompatible(e, x, args)
		case i > 0:
			ranges = append(ranges, ipv4Struct(a.sql))
		}
	}
	if len(ranges) == 0 {
		ranges = append(ranges, "NULL")
	}
	body := "CASE WHEN len(list_filter(__rs, lambda __r: __r IS NOT NULL)) > 0 THEN list_bool_or(list_transform(list_filter(__rs, lambda __r: __r IS NOT NULL), " +
		"lambda __r: __a.v // (1::BIGINT << (32 - __r.p)) = __r.m // (1::BIGINT << (32 - __r.p)))) END"
	sql := withIPv4(args[0].sql, "__a", "list_transform([["+strings.Join(ranges, ", ")+"]], lambda __rs: "+body+")[1]")
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
	last := "(length(__u.auth) - strpos(reverse(__u.auth), ':') + 1)"
	host := "CASE WHEN contains(__u.auth, ':') THEN left(__u.auth, " + last + " - 1) ELSE __u.auth END"
	port := "CASE WHEN contains(__u.auth, ':') THEN substr(__u.auth, " + last + " + 1) ELSE '' END"
	decode := func(x string) string { return "coalesce(TRY(url_decode(replace(" + x + ", '+', ' '))), " + x + ")" }
	pairs := "list_transform(list_filter(string_split(__u.query, '&'), lambda __q: contains(__q, '=')), lambda __q: {'name': " +
		decode("split_part(__q, '=', 1)") + ", 'val': " + decode("substr(__q, strpos(__q, '=') + 1)") + "})"
	params := "list_transform([" + pairs + "], lambda __ps: to_json(map_from_entries(list_transform(list_sort(list_distinct(list_transform(__ps, lambda __p: __p.name))), " +
		"lambda __k: {'key': __k, 'value': array_to_string(list_transform(list_filter(__ps, lambda __p: __p.name = __k), lambda __p: __p.val), ',')}))))[1]"
	obj := "json_object('Scheme', __u.scheme, 'Host', " + host + ", 'Port', " + port + ", 'Path', __u.path, 'Username', __u.user, 'Password', __u.pass, " +
		"'Query Parameters', coalesce(" + params + ", CAST('{}' AS JSON)), 'Fragment', __u.frag)"
	return "list_transform([" + m + "], lambda __u: " + obj + ")[1]"
}

// compileHasIPv4 is has_ipv4(text, address) and has_any_ipv4(text,
// address, ...) (addresses as strings or constant dynamic arrays): whether
// one of the addresses, each a valid IPv4 address without a prefix length,
// appears in the text delimited by characters that are not letters or
// digits (or the text's ends), as Kusto documents.
func compileHasIPv4(e *ectx, x *parser.Call) (*sqlExpr, error) {
	hi := 2
	if x.Func.Name == "has_any_ipv4" {
		hi = 64
	}
	if err := argCount(e, x, 2, hi); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if args[0].typ != TString {
		return nil, incompatible(e, x, args)
	}
	var ips []string
	for i, a := range args[1:] {
		switch {
		case a.typ == TDynamic && hi > 2:
			var list []string
			if a.konst == nil || a.konst.null || json.Unmarshal([]byte(a.konst.str), &list) != nil {
				return nil, e.errorf(x.Args[i+1], CodeNotSupported, "%s with addresses that are not constant strings or a constant dynamic array of strings is not supported yet", x.Func.Name)
			}
			for _, ip := range list {
				ips = append(ips, e.c.arg(ip))
			}
		case a.typ == TString:
			ips = append(ips, a.sql)
		default:
			return nil, incompatible(e, x, args)
		}
	}
	var found []string
	for _, ip := range ips {
		valid := "list_transform([" + ipv4Struct(ip) + "], lambda __h: __h IS NOT NULL AND NOT contains(" + ip + ", '/'))[1]"
		re := e.c.arg("(^|"+termBound+")") + " || regexp_escape(" + ip + ") || " + e.c.arg("($|"+termBound+")")
		found = append(found, "("+valid+" AND regexp_matches("+args[0].sql+", "+re+"))")
	}
	if len(found) == 0 {
		found = []string{"false"}
	}
	return &sqlExpr{sql: "coalesce(" + strings.Join(found, " OR ") + ", false)", typ: TBool, atomic: true, agg: anyAgg(args)}, nil
}

// formatIPv4 is format_ipv4 and format_ipv4_mask(address [, prefix]): the
// address, as text or as a number (big-endian), masked to the shorter of
// its own prefix and the argument (0 to 32), written a.b.c.d or
// a.b.c.d/prefix; "" when the address or the prefix is not valid.
func formatIPv4(withMask bool) func(e *ectx, x *parser.Call) (*sqlExpr, error) {
	return func(e *ectx, x *parser.Call) (*sqlExpr, error) {
		if err := argCount(e, x, 1, 2); err != nil {
			return nil, err
		}
		args, err := e.args(x)
		if err != nil {
			return nil, err
		}
		var ip string
		switch a := args[0]; {
		case a.typ == TString:
			ip = ipv4Struct(a.sql)
		case a.typ.isInteger():
			n := e.operand(a, TLong)
			ip = "CASE WHEN " + n + " BETWEEN 0 AND 4294967295 THEN {'v': CAST(" + n + " AS BIGINT), 'p': 32, 'm': CAST(" + n + " AS BIGINT)} END"
		default:
			return nil, incompatible(e, x, args)
		}
		p := "__a.p"
		if len(args) == 2 {
			if !args[1].typ.isInteger() {
				return nil, incompatible(e, x, args)
			}
			n := e.operand(args[1], TLong)
			p = "CASE WHEN " + n + " BETWEEN 0 AND 32 THEN least(__a.p, " + n + ") END"
		}
		octet := func(div string) string { return "CAST(__m // " + div + " % 256 AS VARCHAR)" }
		text := octet("16777216") + " || '.' || " + octet("65536") + " || '.' || " + octet("256") + " || '.' || " + octet("1")
		if withMask {
			text += " || '/' || CAST(__p AS VARCHAR)"
		}
		masked := "list_transform([{'m': __a.v // (1::BIGINT << (32 - __p)) * (1::BIGINT << (32 - __p)), 'p': __p}], lambda __q: list_transform([__q.m], lambda __m: " + text + ")[1])[1]"
		masked = strings.ReplaceAll(masked, "CAST(__p AS VARCHAR)", "CAST(__q.p AS VARCHAR)")
		body := "list_transform([" + p + "], lambda __p: CASE WHEN __p IS NOT NULL THEN " + masked + " END)[1]"
		sql := "coalesce(list_transform([" + ip + "], lambda __a: CASE WHEN __a IS NOT NULL THEN " + body + " END)[1], '')"
		return &sqlExpr{sql: sql, typ: TString, atomic: true, agg: anyAgg(args)}, nil
	}
}
