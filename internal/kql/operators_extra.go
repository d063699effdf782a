package kql

import (
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

// exprText returns the source text of x.
func exprText(src string, x parser.Expr) string {
	s := x.Span()
	if s.Start >= 0 && s.End <= len(src) && s.Start <= s.End {
		return src[s.Start:s.End]
	}
	return ""
}
