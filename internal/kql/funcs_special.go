package kql

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/kql/parser"
)

// The functions here check their arguments themselves: they take constants,
// types or a varying number of arguments.

func compileAgo(e *ectx, x *parser.Call) (*sqlExpr, error) {
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if len(args) != 1 || args[0].typ != TTimespan {
		return nil, incompatible(e, x, args)
	}
	if k := args[0].konst; k != nil && !k.null {
		return timeConst(e.c.now.Add(-time.Duration(k.i) * 100)), nil
	}
	return &sqlExpr{sql: timestampSQL(e.c.now) + " - " + interval(paren(args[0])), typ: TDatetime}, nil
}

func compileNow(e *ectx, x *parser.Call) (*sqlExpr, error) {
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	switch {
	case len(args) == 0:
		return timeConst(e.c.now), nil
	case len(args) == 1 && args[0].typ == TTimespan:
		if k := args[0].konst; k != nil && !k.null {
			return timeConst(e.c.now.Add(time.Duration(k.i) * 100)), nil
		}
		return &sqlExpr{sql: timestampSQL(e.c.now) + " + " + interval(paren(args[0])), typ: TDatetime}, nil
	}
	return nil, incompatible(e, x, args)
}

// kustoEpochMicros is 0001-01-01 in microseconds since 1970: Kusto's bins
// are aligned to it.
const kustoEpochMicros = -62135596800000000

// compileBin is bin(value, roundTo) (and floor(value, roundTo)): value
// rounded down to a multiple of roundTo.
func compileBin(e *ectx, x *parser.Call) (*sqlExpr, error) {
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if len(args) != 2 {
		return nil, e.errorf(x, CodeArgument, "The function '%s' expects 2 arguments, but got %d", x.Func.Name, len(args))
	}
	v, size := args[0], args[1]
	out := &sqlExpr{agg: v.agg || size.agg, atomic: true}
	// floorTo rounds an integer expression down to a multiple of s (toward -inf).
	floorTo := func(vs, s string) string {
		return "(" + vs + " - ((" + vs + " % " + s + ") + " + s + ") % " + s + ")"
	}
	switch {
	case v.typ == TDatetime && size.typ == TTimespan:
		out.typ = TDatetime
		k := size.konst
		if k != nil && !k.null && k.i > 0 && k.i%10 == 0 {
			out.sql = "time_bucket(to_microseconds(" + strconv.FormatInt(k.i/10, 10) + "), " + v.sql + ", " + timestampSQL(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)) + ")"
			return out, nil
		}
		us := "epoch_us(" + v.sql + ") - (" + strconv.FormatInt(kustoEpochMicros, 10) + ")"
		out.sql = "make_timestamp(" + floorTo(us, "("+paren(size)+" // 10)") + " + (" + strconv.FormatInt(kustoEpochMicros, 10) + "))"
	case v.typ == TTimespan && size.typ == TTimespan:
		out.typ = TTimespan
		out.sql = floorTo(paren(v), paren(size))
	case v.typ.isNumeric() && size.typ.isNumeric():
		out.typ = widest(v.typ, size.typ)
		if out.typ == TReal || out.typ == TDecimal {
			out.sql = "floor(" + e.operand(v, TReal) + " / " + e.operand(size, TReal) + ") * " + e.operand(size, TReal)
			out.atomic = false
		} else {
			out.sql = floorTo(e.operand(v, TLong), e.operand(size, TLong))
		}
	default:
		return nil, incompatible(e, x, args)
	}
	if k := size.konst; k == nil || k.null || (k.i <= 0 && k.f <= 0) {
		// A bin size that is null, zero or negative gives null, as in Kusto.
		out.sql = "CASE WHEN " + paren(size) + " > 0 THEN " + out.sql + " END"
		out.atomic = true
	}
	return out, nil
}

// commonType is the type of iff's and case's result: the same type, the
// widest of numbers, or the other type when one side is dynamic.
func commonType(ts []Type) (Type, bool) {
	var t Type
	for _, u := range ts {
		switch {
		case t == "" || t == u:
			t = u
		case t.isNumeric() && u.isNumeric():
			rank := map[Type]int{TInt: 1, TLong: 2, TReal: 3, TDecimal: 4}
			if rank[u] > rank[t] {
				t = u
			}
		case t == TDynamic:
			t = u
		case u == TDynamic:
		case class(t) == "string" && class(u) == "string":
			t = TString
		default:
			return "", false
		}
	}
	return t, true
}

func compileIff(e *ectx, x *parser.Call) (*sqlExpr, error) {
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if len(args) != 3 {
		return nil, e.errorf(x, CodeArgument, "The function '%s' expects 3 arguments, but got %d", x.Func.Name, len(args))
	}
	return e.caseOf(x, args[:2], args[2])
}

func compileCase(e *ectx, x *parser.Call) (*sqlExpr, error) {
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if len(args) < 3 || len(args)%2 == 0 {
		return nil, e.errorf(x, CodeArgument, "The function 'case' expects pairs of predicate and value followed by a default value")
	}
	return e.caseOf(x, args[:len(args)-1], args[len(args)-1])
}

// caseOf writes CASE WHEN p1 THEN v1 ... ELSE def END.
func (e *ectx) caseOf(x *parser.Call, pairs []*sqlExpr, def *sqlExpr) (*sqlExpr, error) {
	ts := []Type{def.typ}
	for i := 1; i < len(pairs); i += 2 {
		ts = append(ts, pairs[i].typ)
	}
	t, ok := commonType(ts)
	if !ok {
		return nil, e.errorf(x, CodeType, "The branches of '%s' have types that do not match (%s); convert them to one type", x.Func.Name, joinTypes(ts))
	}
	out := &sqlExpr{typ: t, atomic: true, agg: def.agg}
	var b strings.Builder
	b.WriteString("CASE")
	for i := 0; i < len(pairs); i += 2 {
		cond, ok := e.asBool(pairs[i], precOr+1)
		if !ok || pairs[i].typ == TDynamic {
			return nil, e.errorf(x.Args[i], CodeType, "The condition of '%s' must be a bool, not %s", x.Func.Name, pairs[i].typ)
		}
		b.WriteString(" WHEN " + cond + " THEN " + e.branch(pairs[i+1], t))
		out.agg = out.agg || pairs[i].agg || pairs[i+1].agg
	}
	b.WriteString(" ELSE " + e.branch(def, t) + " END")
	out.sql = b.String()
	return out, nil
}

// branch converts a branch value to the common type t.
func (e *ectx) branch(v *sqlExpr, t Type) string {
	switch {
	case v.typ == t:
		return typedSQL(v)
	case v.typ == TDynamic:
		return e.convert(v, t)
	}
	return e.cast(v, t)
}

func joinTypes(ts []Type) string {
	var s []string
	for _, t := range ts {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}

// compileExtract is extract(regex, group, source [, typeof(T)]).
func compileExtract(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if len(x.Args) < 3 || len(x.Args) > 4 {
		return nil, e.errorf(x, CodeArgument, "The function 'extract' expects 3 or 4 arguments, but got %d", len(x.Args))
	}
	args, err := e.args(&parser.Call{Func: x.Func, Args: x.Args[:3], Rparen: x.Rparen})
	if err != nil {
		return nil, err
	}
	re, group, src := args[0], args[1], args[2]
	if re.typ != TString || re.konst == nil || re.konst.null {
		return nil, e.errorf(x.Args[0], CodeArgument, "The regular expression of 'extract' must be a constant string")
	}
	if _, err := regexp.Compile(re.konst.str); err != nil {
		return nil, e.errorf(x.Args[0], CodeArgument, "The regular expression %q is not valid: %v", re.konst.str, err)
	}
	if !group.typ.isInteger() || group.konst == nil || group.konst.null || group.konst.i < 0 {
		return nil, e.errorf(x.Args[1], CodeArgument, "The capture group of 'extract' must be a constant, non-negative integer")
	}
	if src.typ != TString && src.typ != TDynamic && src.typ != TGuid {
		return nil, incompatible(e, x, args)
	}
	sql := "regexp_extract(" + e.toString(src) + ", " + re.sql + ", " + strconv.FormatInt(group.konst.i, 10) + ")"
	out := &sqlExpr{sql: sql, typ: TString, atomic: true, agg: src.agg}
	if len(x.Args) == 4 {
		tr, ok := x.Args[3].(*parser.TypeRef)
		if !ok {
			return nil, e.errorf(x.Args[3], CodeArgument, "The 4th argument of 'extract' must be typeof(type)")
		}
		t, ok := typeAliases[tr.Type]
		if !ok {
			return nil, e.errorf(tr, CodeArgument, "Unknown type '%s'", tr.Type)
		}
		if t != TString {
			s := &sqlExpr{sql: "NULLIF(" + sql + ", '')", typ: TString, atomic: true}
			out.sql, out.typ = e.cast(s, t), t
			out.atomic = atomicSQL(out.sql)
		}
	}
	return out, nil
}
