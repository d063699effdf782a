package kql

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// render, serialize, getschema, as, parse / parse-where and datatable, each
// one entry in the operators table (operators.go); datatable is a source.

// compileRender accepts render and ignores it: a chart is the client's
// business, and Log Analytics' query API returns the rows unchanged.
func compileRender(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	return r, nil
}

// compileSerialize passes the rows through (SQL has no row order to mark);
// "serialize X = expr" adds columns as extend does.
func compileSerialize(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	s := op.(*parser.Serialize)
	if len(s.Cols) == 0 {
		return r, nil
	}
	return compileExtend(c, r, &parser.Extend{OpBase: s.OpBase, Cols: s.Cols})
}

// compileAs names the rows so far; later parts of the query may read them by
// that name, as they would a tabular let.
func compileAs(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	a := op.(*parser.As)
	for _, p := range a.Params {
		if p.Name.Name != "hint.materialized" {
			return nil, c.opErrorf(op.Name(), p.Name, CodeNotSupported, "the option '%s' is not supported", p.Name.Name)
		}
	}
	w := c.wrap(r)
	c.lets[a.Table.Name] = &letValue{table: w}
	return w.clone(), nil
}

// clrTypes are the .NET type names getschema reports as DataType.
var clrTypes = map[Type]string{
	TString: "System.String", TLong: "System.Int64", TInt: "System.Int32", TReal: "System.Double",
	TBool: "System.SByte", TDatetime: "System.DateTime", TTimespan: "System.TimeSpan",
	TDynamic: "System.Object", TGuid: "System.Guid", TDecimal: "System.Data.SqlTypes.SqlDecimal",
}

// valuesRelation writes rows of SQL values (each already of its column's
// type) as a CTE and returns a relation over it.
func (c *compiler) valuesRelation(cols []*column, rows [][]string) *relation {
	assignIdents(cols)
	var b strings.Builder
	if len(rows) == 0 {
		b.WriteString("SELECT ")
		for i, col := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("CAST(NULL AS " + duckTypes[col.typ] + ") AS " + quoteIdent(col.ident))
		}
		b.WriteString(" WHERE false")
	} else {
		b.WriteString("SELECT * FROM (VALUES ")
		for i, row := range rows {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + strings.Join(row, ", ") + ")")
		}
		b.WriteString(") AS _v(")
		for i, col := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteIdent(col.ident))
		}
		b.WriteString(")")
	}
	name := c.cteName()
	c.ctes = append(c.ctes, quoteIdent(name)+" AS ("+b.String()+")")
	return over(quoteIdent(name), cols)
}

// compileGetSchema returns one row per visible input column.
func compileGetSchema(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	cols := []*column{
		{name: "ColumnName", typ: TString},
		{name: "ColumnOrdinal", typ: TLong},
		{name: "DataType", typ: TString},
		{name: "ColumnType", typ: TString},
	}
	var rows [][]string
	for i, col := range r.visible() {
		rows = append(rows, []string{
			"CAST(" + c.arg(col.name) + " AS VARCHAR)",
			"CAST(" + strconv.Itoa(i) + " AS BIGINT)",
			"CAST(" + c.arg(clrTypes[col.typ]) + " AS VARCHAR)",
			"CAST(" + c.arg(string(col.typ)) + " AS VARCHAR)",
		})
	}
	return c.valuesRelation(cols, rows), nil
}

// compileDataTable compiles datatable (Cols) [Values] into a VALUES list.
func (c *compiler) compileDataTable(dt *parser.DataTable) (*relation, error) {
	const op = "datatable"
	cols := make([]*column, len(dt.Cols))
	seen := map[string]bool{}
	for i, dc := range dt.Cols {
		t, ok := typeAliases[strings.ToLower(dc.Type)]
		if !ok {
			return nil, c.opErrorf(op, dc.Name, CodeArgument, "Unknown type '%s'", dc.Type)
		}
		if seen[dc.Name.Name] {
			return nil, c.opErrorf(op, dc.Name, CodeDuplicate, "A column with the name '%s' is already declared", dc.Name.Name)
		}
		seen[dc.Name.Name] = true
		cols[i] = &column{name: dc.Name.Name, typ: t}
	}
	if len(dt.Values)%len(cols) != 0 {
		return nil, c.opErrorf(op, dt, CodeArgument, "The number of values (%d) is not a multiple of the number of columns (%d)", len(dt.Values), len(cols))
	}
	e := &ectx{c: c, op: op}
	var rows [][]string
	for i := 0; i < len(dt.Values); i += len(cols) {
		row := make([]string, len(cols))
		for j, col := range cols {
			v := dt.Values[i+j]
			x, err := e.expr(v)
			if err != nil {
				return nil, err
			}
			if x.konst == nil && x.typ != TDynamic {
				return nil, c.opErrorf(op, v, CodeArgument, "datatable values must be constants")
			}
			sql := typedSQL(x)
			switch {
			case x.typ == col.typ:
			case x.konst != nil && x.konst.null:
			case x.typ.isNumeric() && col.typ.isNumeric():
			default:
				return nil, c.opErrorf(op, v, CodeType, "The value of type %s does not match column '%s' of type %s", x.typ, col.name, col.typ)
			}
			row[j] = "CAST(" + sql + " AS " + duckTypes[col.typ] + ")"
		}
		rows = append(rows, row)
	}
	return c.valuesRelation(cols, rows), nil
}

// parseRegex builds the regular expression of a simple parse pattern: the
// whole value must match; "*" and string columns match as little as they
// can (the last element as much as it can); numbers match numerals.
func parseRegex(parts []*parser.ParsePart, types []Type) string {
	var b strings.Builder
	b.WriteString("^")
	for i, pt := range parts {
		last := i == len(parts)-1
		switch {
		case pt.Star:
			if last {
				b.WriteString("(?:.*)")
			} else {
				b.WriteString("(?:.*?)")
			}
		case pt.Lit != nil:
			b.WriteString(regexp.QuoteMeta(pt.Lit.Text))
		default:
			switch types[i] {
			case TLong, TInt:
				b.WriteString(`(-?\d+)`)
			case TReal:
				b.WriteString(`(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)`)
			default:
				if last {
					b.WriteString("(.*)")
				} else {
					b.WriteString("(.*?)")
				}
			}
		}
	}
	b.WriteString("$")
	return "(?s)" + b.String()
}

// compileParse extracts the pattern's columns with regexp_extract; parse-where
// also drops the rows that do not match (or whose typed values do not convert).
func compileParse(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	ps := op.(*parser.ParseOp)
	for _, p := range ps.Params {
		v, _ := p.Value.(*parser.Ident)
		if p.Name.Name == "kind" && v != nil && v.Name == "simple" {
			continue
		}
		return nil, c.opErrorf(op.Name(), p.Name, CodeNotSupported, "parse %s=%s is not supported yet; only kind=simple is", p.Name.Name, exprText(c.src, p.Value))
	}
	types := make([]Type, len(ps.Pattern))
	for i, pt := range ps.Pattern {
		if pt.Star && i > 0 && ps.Pattern[i-1].Col != nil && types[i-1] == TString {
			return nil, c.opErrorf(op.Name(), ps.Pattern[i-1].Col, CodeArgument, "Using * after parsing a string column is ambiguous")
		}
		if pt.Col == nil {
			continue
		}
		types[i] = TString
		if pt.Type != "" {
			t, ok := typeAliases[strings.ToLower(pt.Type)]
			if !ok {
				return nil, c.opErrorf(op.Name(), at(pt.TypeSpn), CodeArgument, "Unknown type '%s'", pt.Type)
			}
			if t == TDynamic || t == TTimespan || t == TDecimal {
				return nil, c.opErrorf(op.Name(), at(pt.TypeSpn), CodeNotSupported, "parse into a column of type %s is not supported yet", t)
			}
			types[i] = t
		}
	}
	r = c.ready(r, ps.X)
	e := &ectx{c: c, r: r, op: op.Name()}
	x, err := e.expr(ps.X)
	if err != nil {
		return nil, err
	}
	src := x.sql
	if x.typ != TString {
		src = e.toString(x)
	}
	re := c.arg(parseRegex(ps.Pattern, types))
	p := newProjection(r)
	p.cols = append(p.cols, r.cols...)
	for _, col := range r.cols {
		p.suffix[col.name] = 0
	}
	var conds []string
	if op.Name() == "parse-where" {
		conds = append(conds, "regexp_matches("+src+", "+re+")")
	}
	group := 0
	for i, pt := range ps.Pattern {
		if pt.Col == nil {
			continue
		}
		group++
		s := &sqlExpr{sql: "regexp_extract(" + src + ", " + re + ", " + strconv.Itoa(group) + ")", typ: TString, atomic: true}
		sql := s.sql
		if types[i] != TString {
			sql = e.cast(&sqlExpr{sql: "NULLIF(" + s.sql + ", '')", typ: TString, atomic: true}, types[i])
			if op.Name() == "parse-where" {
				conds = append(conds, "("+sql+") IS NOT NULL")
			}
		}
		if !p.declare(&column{name: pt.Col.Name, typ: types[i], sql: sql}, true) {
			return nil, c.duplicate(op, pt.Col, pt.Col.Name)
		}
	}
	r.cols, r.star = p.cols, false
	r.where = append(r.where, conds...)
	assignIdents(r.cols)
	return r, nil
}

// exprText returns the source text of x.
func exprText(src string, x parser.Expr) string {
	s := x.Span()
	if s.Start >= 0 && s.End <= len(src) && s.Start <= s.End {
		return src[s.Start:s.End]
	}
	return ""
}
