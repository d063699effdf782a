package kql

import (
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// Math functions: binary_and, binary_or, binary_xor, binary_not,
// binary_shift_left, binary_shift_right, bitset_count_ones, ceiling, sign,
// sqrt, pow, log, log2, log10, exp, exp2, exp10, the trigonometric
// functions, isfinite, isinf, min_of, max_of and bin_at. Kusto computes with
// .NET's Math, where a logarithm of 0 is -infinity and a square root or
// logarithm of a negative number is NaN; DuckDB raises errors there, so
// those cases are written out.
func init() {
	real := func(sql func(v string) string) *function {
		return &function{args: []argKind{argNumber}, resultOf: numberTo(TReal), name: nameFirstArg, sql: func(e *ectx, a []*sqlExpr) string {
			return sql(e.operand(a[0], TReal))
		}}
	}
	logOf := func(fn string) func(v string) string {
		return func(v string) string {
			return "CASE WHEN " + v + " < 0 THEN 'NaN'::DOUBLE WHEN " + v + " = 0 THEN '-Infinity'::DOUBLE ELSE " + fn + "(" + v + ") END"
		}
	}
	for name, f := range map[string]*function{
		"ceiling": {args: []argKind{argNumber}, name: nameFirstArg, resultOf: func(a []*sqlExpr) (Type, bool) {
			return a[0].typ, a[0].typ.isNumeric() && a[0].typ != TDecimal
		}, sql: func(e *ectx, a []*sqlExpr) string {
			if a[0].typ.isInteger() {
				return a[0].sql
			}
			return "ceil(" + a[0].sql + ")"
		}},
		"sign": {args: []argKind{argNumber}, resultOf: numberTo(TReal), sql: func(e *ectx, a []*sqlExpr) string {
			return "CAST(sign(" + e.operand(a[0], TReal) + ") AS DOUBLE)"
		}},
		"sqrt":  real(func(v string) string { return "CASE WHEN " + v + " < 0 THEN 'NaN'::DOUBLE ELSE sqrt(" + v + ") END" }),
		"log":   real(logOf("ln")),
		"log2":  real(logOf("log2")),
		"log10": real(logOf("log10")),
		"exp":   real(func(v string) string { return "exp(" + v + ")" }),
		"exp2":  real(func(v string) string { return "pow(2.0, " + v + ")" }),
		"exp10": real(func(v string) string { return "pow(10.0, " + v + ")" }),
		"pow": {args: []argKind{argNumber, argNumber}, resultOf: numberTo(TReal), name: nameFirstArg, sql: func(e *ectx, a []*sqlExpr) string {
			return "pow(" + e.operand(a[0], TReal) + ", " + e.operand(a[1], TReal) + ")"
		}},
		"isfinite": {args: []argKind{argNumber}, resultOf: numberTo(TBool), sql: func(e *ectx, a []*sqlExpr) string {
			return "isfinite(" + e.operand(a[0], TReal) + ")"
		}},
		"isinf": {args: []argKind{argNumber}, resultOf: numberTo(TBool), sql: func(e *ectx, a []*sqlExpr) string {
			return "isinf(" + e.operand(a[0], TReal) + ")"
		}},
		"sin": real(func(v string) string { return "sin(" + v + ")" }),
		"cos": real(func(v string) string { return "cos(" + v + ")" }),
		"tan": real(func(v string) string { return "tan(" + v + ")" }),
		"cot": {args: []argKind{argNumber}, resultOf: numberTo(TReal), sql: func(e *ectx, a []*sqlExpr) string {
			return "1.0 / tan(" + e.operand(a[0], TReal) + ")"
		}},
		"atan": real(func(v string) string { return "atan(" + v + ")" }),
		"asin": real(func(v string) string {
			return "CASE WHEN abs(" + v + ") > 1 THEN 'NaN'::DOUBLE ELSE asin(" + v + ") END"
		}),
		"acos": real(func(v string) string {
			return "CASE WHEN abs(" + v + ") > 1 THEN 'NaN'::DOUBLE ELSE acos(" + v + ") END"
		}),
		"atan2": {args: []argKind{argNumber, argNumber}, resultOf: numberTo(TReal), name: nameFirstArg, sql: func(e *ectx, a []*sqlExpr) string {
			return "atan2(" + e.operand(a[0], TReal) + ", " + e.operand(a[1], TReal) + ")"
		}},
		"degrees":    {args: []argKind{argNumber}, resultOf: numberTo(TReal), sql: func(e *ectx, a []*sqlExpr) string { return "degrees(" + e.operand(a[0], TReal) + ")" }},
		"radians":    {args: []argKind{argNumber}, resultOf: numberTo(TReal), sql: func(e *ectx, a []*sqlExpr) string { return "radians(" + e.operand(a[0], TReal) + ")" }},
		"pi":         {result: TReal, sql: func(e *ectx, a []*sqlExpr) string { return "pi()" }},
		"binary_and": bitwise(func(a, b string) string { return a + " & " + b }),
		"binary_or":  bitwise(func(a, b string) string { return a + " | " + b }),
		"binary_xor": bitwise(func(a, b string) string { return "xor(" + a + ", " + b + ")" }),
		"binary_shift_left": bitwise(func(a, b string) string {
			// On 128 bits, then the low 64 as a signed long: .NET wraps
			// where DuckDB's << reports an overflow.
			low := "((CAST(" + a + " AS HUGEINT) * (1::HUGEINT << CAST(greatest(" + b + " % 64, 0) AS INTEGER))) & 18446744073709551615::HUGEINT)"
			return "CASE WHEN " + b + " >= 0 THEN CAST(CASE WHEN " + low + " >= 9223372036854775808::HUGEINT THEN " + low + " - 18446744073709551616::HUGEINT ELSE " + low + " END AS BIGINT) END"
		}),
		"binary_shift_right": bitwise(func(a, b string) string {
			return "CASE WHEN " + b + " >= 0 THEN " + a + " >> CAST(greatest(" + b + " % 64, 0) AS INTEGER) END"
		}),
		"binary_not": {args: []argKind{argInteger}, name: nameFirstArg, resultOf: integersTo(TLong), sql: func(e *ectx, a []*sqlExpr) string {
			return "~CAST(" + a[0].sql + " AS BIGINT)"
		}},
		"bitset_count_ones": {args: []argKind{argInteger}, name: nameFirstArg, resultOf: integersTo(TLong), sql: func(e *ectx, a []*sqlExpr) string {
			return "CAST(bit_count(CAST(" + a[0].sql + " AS BIGINT)) AS BIGINT)"
		}},
		"min_of": {compile: extremeOf("least")},
		"max_of": {compile: extremeOf("greatest")},
		"bin_at": {compile: compileBinAt, name: nameFirstArg},
	} {
		functions[name] = f
	}
}

// extremeOf is min_of and max_of: the least or greatest of 2 to 64 values
// of one type (numbers widen), nulls ignored as in Kusto.
func extremeOf(fn string) func(e *ectx, x *parser.Call) (*sqlExpr, error) {
	return func(e *ectx, x *parser.Call) (*sqlExpr, error) {
		if err := argCount(e, x, 2, 64); err != nil {
			return nil, err
		}
		args, err := e.args(x)
		if err != nil {
			return nil, err
		}
		ts := make([]Type, len(args))
		for i, a := range args {
			if a.typ == TDynamic {
				return nil, incompatible(e, x, args)
			}
			ts[i] = a.typ
		}
		t, ok := commonType(ts)
		if !ok || !t.isOrderable() {
			return nil, incompatible(e, x, args)
		}
		parts := make([]string, len(args))
		for i, a := range args {
			parts[i] = e.branch(a, t)
		}
		return &sqlExpr{sql: fn + "(" + strings.Join(parts, ", ") + ")", typ: t, atomic: true, agg: anyAgg(args)}, nil
	}
}

// compileBinAt is bin_at(value, size, fixed): value rounded down to a
// multiple of size counted from fixed, which is bin(value - fixed, size)
// + fixed; it is compiled as that expression, so that it shares bin's
// types and rounding.
func compileBinAt(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 3, 3); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	v, size, fixed := args[0], args[1], args[2]
	ok := v.typ == TDatetime && size.typ == TTimespan && fixed.typ == TDatetime ||
		v.typ == TTimespan && size.typ == TTimespan && fixed.typ == TTimespan ||
		v.typ.isNumeric() && size.typ.isNumeric() && fixed.typ.isNumeric()
	if !ok {
		return nil, incompatible(e, x, args)
	}
	span := at(x.Span())
	bin := &parser.Call{Func: &parser.Ident{Name: "bin", NameSpan: x.Func.NameSpan}, Rparen: x.Rparen, Args: []parser.Expr{
		&parser.Binary{X: x.Args[0], Op: "-", OpSpan: parser.Span(span), Y: x.Args[2]},
		x.Args[1],
	}}
	return e.expr(&parser.Binary{X: bin, Op: "+", OpSpan: parser.Span(span), Y: x.Args[2]})
}

// numberTo: the function takes numbers only (not dynamic values, as
// Kusto) and gives t.
func numberTo(t Type) func(a []*sqlExpr) (Type, bool) {
	return func(a []*sqlExpr) (Type, bool) {
		for _, x := range a {
			if !x.typ.isNumeric() {
				return "", false
			}
		}
		return t, true
	}
}

// integersTo: the function takes integers only and gives t.
func integersTo(t Type) func(a []*sqlExpr) (Type, bool) {
	return func(a []*sqlExpr) (Type, bool) {
		for _, x := range a {
			if !x.typ.isInteger() {
				return "", false
			}
		}
		return t, true
	}
}

// bitwise is a function of two integers computed on 64 bits, as Kusto's
// binary_* functions are with .NET's operators (a shift counts modulo 64;
// a negative count gives null, as Kusto documents).
func bitwise(op func(a, b string) string) *function {
	return &function{args: []argKind{argInteger, argInteger}, name: nameFirstArg, resultOf: integersTo(TLong), sql: func(e *ectx, a []*sqlExpr) string {
		return "(" + op("CAST("+a[0].sql+" AS BIGINT)", "CAST("+a[1].sql+" AS BIGINT)") + ")"
	}}
}
