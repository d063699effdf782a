package kql

import (
	"strconv"

	"github.com/secexport/secexport/internal/kql/parser"
)

// print and range: tabular sources that read no table.

// oneRow is a FROM clause of a single row and no columns.
const oneRow = `(SELECT 1) AS "_one"`

// compilePrint compiles print: one row of the values, each named by the
// query or print_N after its position.
func (c *compiler) compilePrint(pr *parser.Print) (*relation, error) {
	const op = "print"
	e := &ectx{c: c, op: op}
	var cols []*column
	seen := map[string]bool{}
	for i, item := range pr.Cols {
		target, name := item, "print_"+strconv.Itoa(i)
		if n, ok := item.(*parser.Named); ok {
			target, name = n.X, n.Name.Name
		}
		if c.isTabular(target) {
			return nil, c.opErrorf(op, target, CodeType, "Scalar value expected")
		}
		x, err := e.expr(target)
		if err != nil {
			return nil, err
		}
		if seen[name] {
			if _, named := item.(*parser.Named); named {
				return nil, c.opErrorf(op, item, CodeDuplicate, "A column with the name '%s' is already declared", name)
			}
			return nil, c.opErrorf(op, item, CodeNotSupported, "an unnamed print value whose name %s is taken is not supported", name)
		}
		seen[name] = true
		cols = append(cols, newCol(name, x))
	}
	assignIdents(cols)
	r := &relation{from: oneRow, cols: cols}
	w := c.wrap(r)
	w.serial = serialized
	return w, nil
}

// compileRange compiles range with generate_series, which includes both ends
// as Kusto's range does: numbers (long), datetimes with a timespan step, or
// timespans.
func (c *compiler) compileRange(rg *parser.Range) (*relation, error) {
	const op = "range"
	e := &ectx{c: c, op: op}
	var xs [3]*sqlExpr
	for i, x := range []parser.Expr{rg.From, rg.To, rg.Step} {
		v, err := e.expr(x)
		if err != nil {
			return nil, err
		}
		if v.konst != nil && v.konst.null {
			return nil, c.opErrorf(op, x, CodeArgument, "range needs a value that is not null")
		}
		xs[i] = v
	}
	from, to, step := xs[0], xs[1], xs[2]
	var typ Type
	var series string
	switch {
	case from.typ.isInteger() && to.typ.isInteger() && step.typ.isInteger():
		typ = TLong
		series = "generate_series(" + e.operand(from, TLong) + ", " + e.operand(to, TLong) + ", " + e.operand(step, TLong) + ")"
	case from.typ == TTimespan && to.typ == TTimespan && step.typ == TTimespan:
		typ = TTimespan
		series = "generate_series(" + from.sql + ", " + to.sql + ", " + step.sql + ")"
	case from.typ == TDatetime && to.typ == TDatetime && step.typ == TTimespan:
		typ = TDatetime
		series = "generate_series(" + from.sql + ", " + to.sql + ", " + interval(paren(step)) + ")"
	default:
		return nil, c.opErrorf(op, rg, CodeNotSupported, "range from %s to %s step %s is not supported; numbers must be integers, and datetimes or timespans need a timespan step", from.typ, to.typ, step.typ)
	}
	if step.konst != nil && step.konst.i == 0 {
		return nil, c.opErrorf(op, rg.Step, CodeArgument, "The step of range must not be zero")
	}
	// The table function streams its rows in order, however many: a list
	// unnested in a SELECT would be built whole first (and DuckDB caps lists
	// at 2^32 elements).
	col := &column{name: rg.Name.Name, typ: typ, sql: `"_range"."v"`}
	assignIdents([]*column{col})
	w := c.wrap(&relation{from: series + ` AS "_range"("v")`, cols: []*column{col}})
	w.serial = serialized
	return w, nil
}
