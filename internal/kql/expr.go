package kql

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/kql/parser"
)

// A sqlExpr is a compiled scalar expression.
type sqlExpr struct {
	sql    string
	typ    Type
	atomic bool      // may be embedded in a larger expression without parentheses
	konst  *constant // the value, when known at compile time
	col    *column   // the column, when the expression is a bare column reference
	json   *jsonRef  // for member access on dynamic values: folds a.b[0] into one path
	agg    bool      // contains an aggregate function
	// prec is the SQL precedence of the expression's outermost operator, for
	// leaving out parentheses: precCompare, precNot, precAnd, precOr.
	prec int
}

const (
	precCompare = 4
	precNot     = 5
	precAnd     = 6
	precOr      = 7
)

// within returns x's SQL as an operand of an operator of precedence prec.
func within(x *sqlExpr, prec int) string {
	if x.atomic || x.prec != 0 && x.prec < prec {
		return x.sql
	}
	return "(" + x.sql + ")"
}

// constant is a compile-time value of a literal or of an expression of literals.
type constant struct {
	null  bool
	str   string  // string, guid, dynamic (JSON text)
	i     int64   // long, int, timespan (ticks)
	f     float64 // real
	b     bool
	t     time.Time
	lkind parser.LitKind
}

// jsonRef is a JSON path into a JSON-typed SQL expression.
type jsonRef struct {
	base string // atomic SQL of type JSON
	path string // DuckDB JSON path, "$.a[0]"
}

// ectx is the context an expression is compiled in.
type ectx struct {
	c     *compiler
	r     *relation // the row scope; nil where no columns exist (let)
	op    string    // the operator, for messages
	aggOK bool      // aggregate functions are allowed (summarize)
	inAgg bool      // inside an aggregate function's arguments
}

func (e *ectx) errorf(n parser.Node, code, format string, args ...any) error {
	return e.c.opErrorf(e.op, n, code, format, args...)
}

// maxExprSQL bounds the SQL of one expression. Some translations repeat an
// operand (bin, toint of a string), so nesting them grows the SQL
// geometrically; the bound turns that into an error instead of a hang.
const maxExprSQL = 1 << 20

func (e *ectx) expr(x parser.Expr) (*sqlExpr, error) {
	out, err := e.expr1(x)
	if err == nil && len(out.sql) > maxExprSQL {
		return nil, e.errorf(x, CodeNotSupported, "The expression is too complex to translate (its SQL exceeds %d bytes)", maxExprSQL)
	}
	return out, err
}

func (e *ectx) expr1(x parser.Expr) (*sqlExpr, error) {
	switch x := x.(type) {
	case *parser.Literal:
		return e.literal(x)
	case *parser.Ident:
		return e.name(x)
	case *parser.Paren:
		if e.c.isTabular(x.X) {
			return nil, e.errorf(x, CodeNotSupported, "A tabular expression cannot be used as a scalar value here; use toscalar()")
		}
		in, err := e.expr(x.X)
		if err != nil {
			return nil, err
		}
		out := *in
		if !in.atomic {
			out.sql, out.atomic = "("+in.sql+")", true
		}
		return &out, nil
	case *parser.Unary:
		return e.unary(x)
	case *parser.Binary:
		return e.binary(x)
	case *parser.In:
		return e.in(x)
	case *parser.Between:
		return e.between(x)
	case *parser.Call:
		if t, ok, err := e.typedMember(x); ok {
			return t, err
		}
		return e.call(x)
	case *parser.Path:
		return e.member(x, x.X, &parser.Literal{Kind: parser.LitString, Text: x.Name.Name, ValSpan: x.Name.NameSpan})
	case *parser.Index:
		return e.member(x, x.X, x.I)
	case *parser.Star:
		return nil, e.errorf(x, CodeArgument, "'*' is only allowed as an argument of arg_max and arg_min")
	case *parser.Named:
		return nil, e.errorf(x, CodeArgument, "A named expression (%s = ...) is not allowed here", x.Name.Name)
	case *parser.TypeRef:
		return nil, e.errorf(x, CodeArgument, "typeof(%s) is not allowed here", x.Type)
	case *parser.Pipe:
		return nil, e.errorf(x, CodeNotSupported, "A tabular expression cannot be used as a scalar value here; use toscalar()")
	}
	return nil, e.errorf(x, CodeSyntax, "unexpected expression")
}

// name resolves a column or a scalar let.
func (e *ectx) name(id *parser.Ident) (*sqlExpr, error) {
	if e.r != nil {
		if col := e.r.lookup(id.Name); col != nil {
			if col.members != nil {
				return nil, e.errorf(id, CodeNotSupported, "internal: a typed mv-expand column is read other than by tostring(%s.Member)", id.Name)
			}
			if e.aggOK && !e.inAgg {
				return nil, e.errorf(id, CodeArgument, "The expression '%s' must be an aggregate (use it in by, or inside an aggregation function)", id.Name)
			}
			return &sqlExpr{sql: col.sql, typ: col.typ, atomic: true, col: col}, nil
		}
	}
	if v, ok := e.c.lets[id.Name]; ok {
		if v.fn != nil {
			return e.callLet(v.fn, id, nil)
		}
		if v.scalar == nil {
			return nil, e.errorf(id, CodeType, "'%s' is a table, not a scalar value", id.Name)
		}
		return v.scalar, nil
	}
	if _, ok := functions[id.Name]; ok {
		return nil, e.errorf(id, CodeArgument, "'%s' is a function and must be called: %s(...)", id.Name, id.Name)
	}
	return nil, e.errorf(id, CodeUnresolved, "Failed to resolve scalar expression named '%s'", id.Name)
}

func (e *ectx) literal(l *parser.Literal) (*sqlExpr, error) {
	typ := Type(l.Kind.String())
	if l.Null {
		return &sqlExpr{sql: "CAST(NULL AS " + duckTypes[typ] + ")", typ: typ, atomic: true, konst: &constant{null: true, lkind: l.Kind}}, nil
	}
	k := &constant{lkind: l.Kind}
	x := &sqlExpr{typ: typ, atomic: true, konst: k}
	switch l.Kind {
	case parser.LitString, parser.LitGuid:
		k.str = l.Text
		x.sql = e.c.arg(l.Text)
	case parser.LitLong, parser.LitInt:
		v, err := strconv.ParseInt(l.Text, 10, 64)
		if err != nil {
			return nil, e.errorf(l, CodeSyntax, "The number %s is out of range", l.Text)
		}
		k.i = v
		x.sql = int64SQL(v)
		if l.Kind == parser.LitInt {
			x.sql = "CAST(" + x.sql + " AS INTEGER)"
		} else if v < 0 {
			x.sql = "(" + x.sql + ")"
		}
	case parser.LitReal:
		v, err := strconv.ParseFloat(l.Text, 64)
		if l.Text == "nan" || l.Text == "inf" || l.Text == "-inf" {
			v, err = map[string]float64{"nan": math.NaN(), "inf": math.Inf(1), "-inf": math.Inf(-1)}[l.Text], nil
		}
		if err != nil {
			return nil, e.errorf(l, CodeSyntax, "The number %s is out of range", l.Text)
		}
		k.f = v
		x.sql = realSQL(v)
		if v < 0 {
			x.sql = "(" + x.sql + ")"
		}
	case parser.LitBool:
		k.b = l.Text == "true"
		x.sql = strings.ToUpper(l.Text)
	case parser.LitTimespan:
		k.i = l.Ticks
		x.sql = int64SQL(l.Ticks)
		if l.Ticks < 0 {
			x.sql = "(" + x.sql + ")"
		}
	case parser.LitDatetime:
		t, err := time.Parse(time.RFC3339Nano, l.Text)
		if err != nil {
			return nil, e.errorf(l, CodeSyntax, "invalid datetime literal")
		}
		k.t = t
		x.sql = timestampSQL(t)
	case parser.LitDynamic:
		k.str = l.Text
		x.sql = "CAST(" + e.c.arg(l.Text) + " AS JSON)"
	}
	return x, nil
}

// timeConst returns a compiled datetime constant.
func timeConst(t time.Time) *sqlExpr {
	return &sqlExpr{sql: timestampSQL(t), typ: TDatetime, atomic: true, konst: &constant{t: t, lkind: parser.LitDatetime}}
}

func ticksConst(v int64) *sqlExpr {
	s := int64SQL(v)
	if v < 0 {
		s = "(" + s + ")"
	}
	return &sqlExpr{sql: s, typ: TTimespan, atomic: true, konst: &constant{i: v, lkind: parser.LitTimespan}}
}

func (e *ectx) unary(x *parser.Unary) (*sqlExpr, error) {
	v, err := e.expr(x.X)
	if err != nil {
		return nil, err
	}
	if !(v.typ.isNumeric() || v.typ == TTimespan || v.typ == TDynamic) {
		return nil, e.errorf(x, CodeType, "The operator '%s' is not defined for the operand type %s", x.Op, v.typ)
	}
	if x.Op == "+" {
		return v, nil
	}
	out := &sqlExpr{typ: v.typ, atomic: true, agg: v.agg}
	switch v.typ {
	case TInt:
		// Kusto makes -X long but keeps a negated int literal, -int(3), an int.
		out.sql = "(-CAST(" + v.sql + " AS BIGINT))"
		if _, lit := x.X.(*parser.Literal); lit {
			out.sql = "TRY_CAST(" + out.sql + " AS INTEGER)"
		} else {
			out.typ = TLong
		}
	case TDynamic: // a dynamic number stays a dynamic number, integer or not
		s := jsonText(v)
		out.sql = "(CASE WHEN json_type(" + paren(v) + ") IN ('BIGINT', 'UBIGINT') THEN to_json(-TRY_CAST(" + s + " AS BIGINT)) ELSE to_json(-TRY_CAST(" + s + " AS DOUBLE)) END)"
	default:
		out.sql = "(-" + paren(v) + ")"
	}
	return out, nil
}

// member compiles base.name and base[index] on dynamic values.
func (e *ectx) member(n parser.Node, baseX, index parser.Expr) (*sqlExpr, error) {
	base, err := e.expr(baseX)
	if err != nil {
		return nil, err
	}
	if base.typ != TDynamic {
		if id, ok := baseX.(*parser.Ident); ok && (id.Name == "$left" || id.Name == "$right") {
			return nil, e.errorf(n, CodeArgument, "%s can only be used in a join's on clause", id.Name)
		}
		return nil, e.errorf(n, CodeType, "Member access ('.' or '[...]') needs a dynamic value, but the expression is of type %s; use parse_json() first", base.typ)
	}
	idx, err := e.expr(index)
	if err != nil {
		return nil, err
	}
	if idx.konst == nil || idx.konst.null {
		return nil, e.errorf(index, CodeNotSupported, "Only constant member names and indexes are supported in dynamic access")
	}
	var step string
	switch idx.typ {
	case TString:
		step = jsonKey(idx.konst.str)
	case TLong, TInt:
		if idx.konst.i < 0 {
			step = "[#" + strconv.FormatInt(idx.konst.i, 10) + "]"
		} else {
			step = "[" + strconv.FormatInt(idx.konst.i, 10) + "]"
		}
	default:
		return nil, e.errorf(index, CodeType, "A dynamic member name must be a string and an index a long, not %s", idx.typ)
	}
	ref := &jsonRef{base: base.sql, path: "$" + step}
	if base.json != nil {
		ref = &jsonRef{base: base.json.base, path: base.json.path + step}
	}
	// A member that is JSON null is Kusto's null dynamic value: SQL NULL,
	// as a missing member is.
	return &sqlExpr{
		sql:    "nullif(json_extract(" + ref.base + ", " + quoteString(ref.path) + "), 'null')",
		typ:    TDynamic,
		atomic: true,
		json:   ref,
		agg:    base.agg,
	}, nil
}

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// jsonKey writes one member step of a DuckDB JSON path.
func jsonKey(k string) string {
	if plainKey.MatchString(k) {
		return "." + k
	}
	return `."` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(k) + `"`
}

// convert returns SQL for x as a value of type to, for the conversions Kusto
// makes implicitly (numeric widening, dynamic to a scalar type).
func (e *ectx) convert(x *sqlExpr, to Type) string {
	if x.typ == to || to == TDynamic && x.typ == TDynamic {
		return x.sql
	}
	switch {
	case x.typ == TDynamic:
		s := jsonText(x)
		switch to {
		case TString, TGuid:
			return "coalesce(" + s + ", '')"
		case TTimespan:
			return "NULL"
		}
		return "TRY_CAST(" + s + " AS " + duckTypes[to] + ")"
	case to == TDynamic:
		if x.typ == TString {
			return "to_json(" + x.sql + ")"
		}
		return "to_json(" + e.convert(x, x.typ) + ")"
	case to == TString || to == TGuid:
		return e.toString(x)
	}
	return "CAST(" + x.sql + " AS " + duckTypes[to] + ")"
}

// jsonText returns SQL for a dynamic value's text: the string itself for a
// JSON string, JSON text otherwise, NULL for null.
func jsonText(x *sqlExpr) string {
	if x.json != nil {
		return "json_extract_string(" + x.json.base + ", " + quoteString(x.json.path) + ")"
	}
	return "json_extract_string(" + x.sql + ", '$')"
}

// toString converts any value to a string the way Kusto's tostring() does;
// a null becomes "".
func (e *ectx) toString(x *sqlExpr) string {
	switch x.typ {
	case TString, TGuid:
		return x.sql
	case TDynamic:
		return "coalesce(" + jsonText(x) + ", '')"
	case TReal, TDecimal:
		return "coalesce(CASE WHEN " + x.sql + " = trunc(" + x.sql + ") AND abs(" + x.sql + ") < 1e15 THEN CAST(CAST(" + x.sql + " AS BIGINT) AS VARCHAR) ELSE CAST(" + x.sql + " AS VARCHAR) END, '')"
	case TDatetime:
		return "coalesce(regexp_replace(strftime(" + x.sql + ", '%Y-%m-%dT%H:%M:%S.%f'), '\\.?0+$', '') || 'Z', '')"
	case TTimespan:
		return timespanText(paren(x))
	}
	return "coalesce(CAST(" + x.sql + " AS VARCHAR), '')"
}

// timespanText formats ticks as [-][d.]hh:mm:ss[.fffffff].
func timespanText(v string) string {
	a := "abs(" + v + ")"
	two := func(expr string) string { return "lpad(CAST(" + expr + " AS VARCHAR), 2, '0')" }
	return "CASE WHEN " + v + " IS NULL THEN '' ELSE " +
		"(CASE WHEN " + v + " < 0 THEN '-' ELSE '' END) || " +
		"(CASE WHEN " + a + " >= 864000000000 THEN CAST(" + a + " // 864000000000 AS VARCHAR) || '.' ELSE '' END) || " +
		two(a+" // 36000000000 % 24") + " || ':' || " + two(a+" // 600000000 % 60") + " || ':' || " + two(a+" // 10000000 % 60") +
		" || (CASE WHEN " + a + " % 10000000 <> 0 THEN '.' || lpad(CAST(" + a + " % 10000000 AS VARCHAR), 7, '0') ELSE '' END) END"
}
