package kql

import (
	"regexp"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/kql/parser"
)

func (e *ectx) binary(x *parser.Binary) (*sqlExpr, error) {
	if _, ok := x.X.(*parser.Star); ok {
		return e.starHas(x)
	}
	l, err := e.expr(x.X)
	if err != nil {
		return nil, err
	}
	r, err := e.expr(x.Y)
	if err != nil {
		return nil, err
	}
	var out *sqlExpr
	switch x.Op {
	case "and", "or":
		out, err = e.logical(x, l, r)
	case "+", "-", "*", "/", "%":
		out, err = e.arithmetic(x, l, r)
	case "==", "!=", "<", "<=", ">", ">=":
		out, err = e.compare(x, l, r)
	default:
		out, err = e.stringOp(x, l, r)
	}
	if err != nil {
		return nil, err
	}
	out.agg = out.agg || l.agg || r.agg
	return out, nil
}

func (e *ectx) opTypeError(x *parser.Binary, l, r *sqlExpr) error {
	return e.errorf(x, CodeType, "The operator '%s' is not defined for the operand types %s and %s", x.Op, l.typ, r.typ)
}

// asBool returns a boolean operand (a dynamic one converted) as an operand
// of an operator of precedence prec.
func (e *ectx) asBool(x *sqlExpr, prec int) (string, bool) {
	switch x.typ {
	case TBool:
		return within(x, prec), true
	case TDynamic:
		return e.convert(x, TBool), true
	}
	return "", false
}

func (e *ectx) logical(x *parser.Binary, l, r *sqlExpr) (*sqlExpr, error) {
	prec := map[string]int{"and": precAnd, "or": precOr}[x.Op]
	ls, ok1 := e.asBool(l, prec+1)
	rs, ok2 := e.asBool(r, prec+1)
	if !ok1 || !ok2 {
		return nil, e.opTypeError(x, l, r)
	}
	return &sqlExpr{sql: ls + " " + strings.ToUpper(x.Op) + " " + rs, typ: TBool, prec: prec}, nil
}

// arithmetic implements + - * / % with Kusto's result types: numbers widen
// (int arithmetic is long), datetime - datetime is a timespan, datetime ±
// timespan is a datetime, timespan / timespan is a real.
func (e *ectx) arithmetic(x *parser.Binary, l, r *sqlExpr) (*sqlExpr, error) {
	if folded := foldTime(x.Op, l, r); folded != nil {
		return folded, nil
	}
	op := x.Op
	lt, rt := l.typ, r.typ
	if (lt == TDynamic && rt == TTimespan || lt == TTimespan && rt == TDynamic) && (op == "/" || op == "%") {
		return nil, e.opTypeError(x, l, r) // Kusto divides no timespan by a dynamic value, nor the reverse
	}
	// A dynamic operand takes the other operand's type (dynamic + int is long).
	if lt == TDynamic && rt == TDynamic {
		return &sqlExpr{sql: e.convert(l, TReal) + " " + op + " " + e.convert(r, TReal), typ: TDynamic}, nil
	}
	if lt == TDynamic && (rt.isNumeric() || rt == TTimespan || rt == TDatetime) {
		lt = widest(rt, rt)
		if rt == TTimespan || rt == TDatetime {
			lt = rt
		}
	}
	if rt == TDynamic && (lt.isNumeric() || lt == TTimespan || lt == TDatetime) {
		rt = widest(lt, lt)
		if lt == TTimespan || lt == TDatetime {
			rt = lt
		}
	}
	ls, rs := e.operand(l, lt), e.operand(r, rt)
	out := func(sql string, t Type) (*sqlExpr, error) { return &sqlExpr{sql: sql, typ: t}, nil }
	switch {
	case lt.isNumeric() && rt.isNumeric():
		t := widest(lt, rt)
		ls, rs = e.operand(l, t), e.operand(r, t)
		sql := ls + " " + op + " " + rs
		if op == "/" && t == TLong {
			sql = ls + " // " + rs
		}
		if t == TLong && l.konst != nil && r.konst != nil {
			sql = "CAST(" + sql + " AS BIGINT)" // constants alone would be INTEGER
		}
		return out(sql, t)
	case lt == TTimespan && rt == TTimespan:
		switch op {
		case "+", "-", "%":
			return out(ls+" "+op+" "+rs, TTimespan)
		case "/":
			return out("CAST("+ls+" AS DOUBLE) / "+rs, TReal)
		}
	case lt == TTimespan && rt.isNumeric() || lt.isNumeric() && rt == TTimespan:
		switch {
		case op == "*" && (lt == TReal || rt == TReal):
			return out("CAST(round("+ls+" * "+rs+") AS BIGINT)", TTimespan)
		case op == "*":
			return out(ls+" * "+rs, TTimespan)
		case op == "/" && lt == TTimespan && rt == TReal:
			return out("CAST(trunc("+ls+" / "+rs+") AS BIGINT)", TTimespan)
		case op == "/" && lt == TTimespan:
			return out(ls+" // "+rs, TTimespan)
		case op == "%" && lt == TTimespan && rt.isInteger():
			return out(ls+" % "+rs, TTimespan)
		}
	case lt == TDatetime && rt == TDatetime && op == "-":
		return out("(epoch_us("+ls+") - epoch_us("+rs+")) * 10", TTimespan)
	case lt == TDatetime && rt == TTimespan && (op == "+" || op == "-"):
		return out(ls+" "+op+" "+interval(rs), TDatetime)
	case lt == TTimespan && rt == TDatetime && op == "+":
		return out(rs+" + "+interval(ls), TDatetime)
	}
	return nil, e.opTypeError(x, l, r)
}

// operand returns x's SQL as an operand of type t, parenthesised as needed.
func (e *ectx) operand(x *sqlExpr, t Type) string {
	switch {
	case x.typ == TDynamic:
		return e.convert(x, t)
	case x.typ == TInt && t == TLong:
		if x.konst != nil {
			return x.sql
		}
		return "CAST(" + x.sql + " AS BIGINT)"
	}
	return paren(x)
}

// interval converts ticks to a DuckDB INTERVAL.
func interval(ticks string) string {
	return "to_microseconds(" + ticks + " // 10)"
}

// foldTime folds datetime and timespan arithmetic on constants (now() - 7d),
// so that the SQL carries the instant itself.
func foldTime(op string, l, r *sqlExpr) *sqlExpr {
	if l.konst == nil || r.konst == nil || l.konst.null || r.konst.null {
		return nil
	}
	switch {
	case l.typ == TDatetime && r.typ == TTimespan && op == "+":
		return timeConst(l.konst.t.Add(time.Duration(r.konst.i) * 100))
	case l.typ == TDatetime && r.typ == TTimespan && op == "-":
		return timeConst(l.konst.t.Add(-time.Duration(r.konst.i) * 100))
	case l.typ == TTimespan && r.typ == TDatetime && op == "+":
		return timeConst(r.konst.t.Add(time.Duration(l.konst.i) * 100))
	case l.typ == TTimespan && r.typ == TTimespan && op == "+":
		return ticksConst(l.konst.i + r.konst.i)
	case l.typ == TTimespan && r.typ == TTimespan && op == "-":
		return ticksConst(l.konst.i - r.konst.i)
	case l.typ == TTimespan && r.typ == TLong && op == "*":
		return ticksConst(l.konst.i * r.konst.i)
	case l.typ == TLong && r.typ == TTimespan && op == "*":
		return ticksConst(l.konst.i * r.konst.i)
	}
	return nil
}

// class groups types that compare with each other.
func class(t Type) string {
	switch {
	case t.isNumeric():
		return "number"
	case t == TString || t == TGuid:
		return "string"
	}
	return string(t)
}

var sqlCompare = map[string]string{"==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

func (e *ectx) compare(x *parser.Binary, l, r *sqlExpr) (*sqlExpr, error) {
	lc, rc := class(l.typ), class(r.typ)
	equality := x.Op == "==" || x.Op == "!="
	ok := lc == rc || lc == "dynamic" || rc == "dynamic"
	if !equality && (lc == "string" || rc == "string") {
		ok = false // Kusto orders strings only with order by, not with < and >
	}
	if !equality && (lc == "dynamic" || rc == "dynamic") {
		// Nor does it order a dynamic value against a datetime, timespan or bool.
		for _, t := range []Type{l.typ, r.typ} {
			if t == TDatetime || t == TTimespan || t == TBool {
				ok = false
			}
		}
	}
	if !ok {
		return nil, e.errorf(x, CodeType, "Cannot compare values of types %s and %s. Try adding explicit casts", l.typ, r.typ)
	}
	if !equality && (l.typ == TDynamic) != (r.typ == TDynamic) {
		// Kusto orders a dynamic value against a number, not against a
		// datetime or a timespan: convert it with todatetime() first.
		if other := map[bool]Type{true: r.typ, false: l.typ}[l.typ == TDynamic]; other == TDatetime || other == TTimespan {
			return nil, e.errorf(x, CodeType, "The operator '%s' is not defined for the operand types %s and %s", x.Op, l.typ, r.typ)
		}
	}
	ls, rs := paren(l), paren(r)
	switch {
	case lc == "dynamic" && rc == "dynamic":
		ls, rs = "CAST("+l.sql+" AS VARCHAR)", "CAST("+r.sql+" AS VARCHAR)"
	case lc == "dynamic":
		ls = e.dynamicAs(l, comparable(r.typ))
	case rc == "dynamic":
		rs = e.dynamicAs(r, comparable(l.typ))
	}
	return &sqlExpr{sql: ls + " " + sqlCompare[x.Op] + " " + rs, typ: TBool, prec: precCompare}, nil
}

// comparable is the type a dynamic value is converted to for comparing it
// with a value of type t.
func comparable(t Type) Type {
	if t.isNumeric() {
		return TReal
	}
	return t
}

// stringText returns SQL for a string operator's operand.
func (e *ectx) stringText(x *sqlExpr) (string, bool) {
	switch x.typ {
	case TString, TGuid:
		return paren(x), true
	case TDynamic:
		return e.toString(x), true
	}
	return "", false
}

// termChars is the class of characters that make up a term for has:
// letters and digits. Anything else separates terms.
const termBound = `[^\pL\pN]`

func (e *ectx) stringOp(x *parser.Binary, l, r *sqlExpr) (*sqlExpr, error) {
	op := x.Op
	if op == "!~" {
		op = "!=~"
	}
	neg := strings.HasPrefix(op, "!")
	base := strings.TrimPrefix(op, "!")
	cs := strings.HasSuffix(base, "_cs")
	base = strings.TrimSuffix(base, "_cs")
	ls, ok1 := e.stringText(l)
	rs, ok2 := e.stringText(r)
	if !ok1 || !ok2 {
		return nil, e.opTypeError(x, l, r)
	}
	konst := r.konst != nil && !r.konst.null && r.typ == TString
	// lowerR is the right operand folded to lower case, at compile time when constant.
	lowerR := func() string {
		if konst {
			return e.c.arg(strings.ToLower(r.konst.str))
		}
		return "lower(" + rs + ")"
	}
	var sql string
	switch base {
	case "=~":
		sql = "lower(" + ls + ") = " + lowerR()
	case "contains":
		if cs {
			sql = "contains(" + ls + ", " + rs + ")"
		} else {
			sql = "contains(lower(" + ls + "), " + lowerR() + ")"
		}
	case "startswith", "endswith":
		fn := map[string]string{"startswith": "starts_with", "endswith": "ends_with"}[base]
		if cs {
			sql = fn + "(" + ls + ", " + rs + ")"
		} else {
			sql = fn + "(lower(" + ls + "), " + lowerR() + ")"
		}
	case "has", "hasprefix", "hassuffix":
		sql = "regexp_matches(" + ls + ", " + e.termPattern(base, cs, r, rs) + ")"
	case "matches regex":
		if r.konst != nil && !r.konst.null {
			if _, err := regexp.Compile(r.konst.str); err != nil {
				return nil, e.errorf(x.Y, CodeArgument, "The regular expression %q is not valid: %v", r.konst.str, err)
			}
		}
		sql = "regexp_matches(" + ls + ", " + rs + ")"
	case "like", "notlike", "likecs", "notlikecs":
		// Kusto.Language accepts them, but Kusto documents no semantics for them.
		return nil, e.errorf(at(x.OpSpan), CodeNotSupported, "the '%s' operator is not supported (Kusto does not document it); use startswith, endswith, contains or matches regex", x.Op)
	default:
		return nil, e.errorf(at(x.OpSpan), CodeNotSupported, "the '%s' operator is not supported yet", x.Op)
	}
	if neg {
		return &sqlExpr{sql: "NOT " + sql, typ: TBool, prec: precNot}, nil
	}
	return &sqlExpr{sql: sql, typ: TBool, atomic: atomicSQL(sql), prec: precCompare}, nil
}

// termPattern returns the regular expression for has, hasprefix and
// hassuffix: the needle bounded by the start or end of the text or by a
// character that is not a letter or digit, as Kusto's term index sees it.
func (e *ectx) termPattern(kind string, cs bool, r *sqlExpr, rs string) string {
	flags := "(?i)"
	if cs {
		flags = ""
	}
	pre, post := flags+"(^|"+termBound+")", "($|"+termBound+")"
	switch kind {
	case "hasprefix":
		post = ""
	case "hassuffix":
		pre = flags
	}
	if r.konst != nil && !r.konst.null {
		return e.c.arg(pre + regexp.QuoteMeta(r.konst.str) + post)
	}
	return e.c.arg(pre) + " || regexp_escape(" + rs + ") || " + e.c.arg(post)
}

// dynamicAs converts a dynamic operand for a comparison with a value of type
// t. Unlike tostring(), a null stays null, so that it equals nothing.
func (e *ectx) dynamicAs(x *sqlExpr, t Type) string {
	if t == TString || t == TGuid {
		return jsonText(x)
	}
	return e.convert(x, t)
}
