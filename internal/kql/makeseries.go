package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// seriesAggregates are the aggregates make-series runs: those whose result
// is a number, as Kusto requires.
var seriesAggregates = map[string]bool{
	"count": true, "countif": true, "dcount": true, "dcountif": true, "sum": true, "sumif": true,
	"avg": true, "avgif": true, "min": true, "max": true,
}

// maxSeriesLength is Kusto's limit on the length of a make-series array.
const maxSeriesLength = 1 << 20

// compileMakeSeries compiles make-series over a datetime axis, with scalar
// from and to and a constant step, in three steps: a summarize by the groups
// and the bin index (rows outside [from, to) left out), a SELECT that
// gathers each group's bins and values into lists, and one that lays the
// values out along the axis, the default where a bin has no rows. The
// columns are the by columns, one dynamic array per aggregate, then the axis
// as an array of its bins' start times, named after the axis column. A group
// appears when it has rows in [from, to); kind=nonempty (without by) makes
// a series of defaults of no rows.
func compileMakeSeries(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	ms := op.(*parser.MakeSeries)
	nonEmpty := false
	for _, p := range ms.Params {
		v, _ := p.Value.(*parser.Ident)
		switch {
		case strings.HasPrefix(p.Name.Name, "hint."):
			// Execution hints do not change results.
		case p.Name.Name == "kind" && v != nil && v.Name == "nonempty" && len(ms.By) > 0:
			return nil, c.opErrorf(op.Name(), p.Name, CodeNotSupported, "make-series kind=nonempty with by is not supported yet")
		case p.Name.Name == "kind" && v != nil && v.Name == "nonempty":
			nonEmpty = true
		default:
			return nil, c.opErrorf(op.Name(), p.Name, CodeNotSupported, "the make-series option %s is not supported yet", exprText(c.src, &parser.Binary{X: p.Name, Y: p.Value}))
		}
	}
	if ms.InRange {
		return nil, c.opErrorf(op.Name(), ms.From, CodeNotSupported, "make-series ... in range(...) is not supported yet; write from ... to ... step ...")
	}
	if ms.From == nil || ms.To == nil {
		return nil, c.opErrorf(op.Name(), ms.Axis, CodeNotSupported, "make-series without both from and to (bins taken from the data) is not supported yet")
	}
	axisID, ok := ms.Axis.(*parser.Ident)
	if !ok {
		return nil, c.opErrorf(op.Name(), ms.Axis, CodeArgument, "The axis of make-series must be a column")
	}
	var aggs []parser.Expr
	for _, a := range ms.Aggs {
		target := a.X
		if n, ok := target.(*parser.Named); ok {
			target = n.X
		}
		call, ok := target.(*parser.Call)
		if !ok || aggregates[call.Func.Name] == nil {
			return nil, c.opErrorf(op.Name(), target, CodeArgument, "The make-series expression must be an aggregation, such as count() or avg(X)")
		}
		if !seriesAggregates[call.Func.Name] {
			return nil, c.opErrorf(op.Name(), call.Func, CodeNotSupported, "the aggregate '%s' is not supported in make-series yet", call.Func.Name)
		}
		aggs = append(aggs, a.X)
	}

	// The axis, its bounds and the step.
	all := append(append([]parser.Expr{ms.Axis}, aggs...), ms.By...)
	r = c.ready(r, all...)
	e := &ectx{c: c, r: r, op: op.Name()}
	axis, err := e.expr(ms.Axis)
	if err != nil {
		return nil, err
	}
	if axis.typ != TDatetime {
		return nil, c.opErrorf(op.Name(), ms.Axis, CodeNotSupported, "make-series over an axis of type %s is not supported yet; only datetime is", axis.typ)
	}
	ce := &ectx{c: c, op: op.Name()}
	from, err := ce.expr(ms.From)
	if err != nil {
		return nil, err
	}
	to, err := ce.expr(ms.To)
	if err != nil {
		return nil, err
	}
	step, err := ce.expr(ms.Step)
	if err != nil {
		return nil, err
	}
	for _, b := range []struct {
		x   *sqlExpr
		n   parser.Node
		typ Type
	}{{from, ms.From, TDatetime}, {to, ms.To, TDatetime}, {step, ms.Step, TTimespan}} {
		if b.x.typ != b.typ {
			return nil, c.opErrorf(op.Name(), b.n, CodeType, "The expression must have the type %s, not %s", b.typ, b.x.typ)
		}
		if b.x.konst != nil && b.x.konst.null {
			return nil, c.opErrorf(op.Name(), b.n, CodeArgument, "The from, to and step of make-series must not be null")
		}
	}
	if step.konst == nil {
		return nil, c.opErrorf(op.Name(), ms.Step, CodeNotSupported, "make-series with a step that is not a constant is not supported yet")
	}
	stepTicks := step.konst.i
	if stepTicks <= 0 {
		return nil, c.opErrorf(op.Name(), ms.Step, CodeArgument, "The step of make-series must be positive")
	}
	if stepTicks%10 != 0 {
		return nil, c.opErrorf(op.Name(), ms.Step, CodeNotSupported, "make-series with a step finer than a microsecond is not supported")
	}
	stepUS := int64SQL(stepTicks / 10)
	// The number of bins: known now for constant bounds, else computed by
	// the query (and cut to Kusto's limit).
	var fromUS, n string
	if from.konst != nil && to.konst != nil {
		f, t := from.konst.t.UnixMicro(), to.konst.t.UnixMicro()
		bins := int64(0)
		if t > f {
			bins = (t - f + stepTicks/10 - 1) / (stepTicks / 10)
		}
		if bins > maxSeriesLength {
			return nil, c.opErrorf(op.Name(), ms.Step, CodeArgument, "make-series would make %d bins, more than Kusto's limit of %d", bins, maxSeriesLength)
		}
		fromUS, n = int64SQL(f), int64SQL(bins)
	} else {
		fromUS = "epoch_us(" + from.sql + ")"
		n = "least(greatest(0, (epoch_us(" + to.sql + ") - " + fromUS + " + " + stepUS + " - 1) // " + stepUS + "), " + int64SQL(maxSeriesLength) + ")"
	}

	// Step 1: summarize by the groups and the bin index.
	const bin = "__bin"
	if r.lookup(bin) != nil {
		return nil, c.opErrorf(op.Name(), op, CodeNotSupported, "a column named %s is not supported in make-series", bin)
	}
	r.where = append(r.where, axis.sql+" >= "+from.sql, axis.sql+" < "+to.sql)
	r.cols = append(r.cols, &column{name: bin, typ: TLong, sql: "(epoch_us(" + axis.sql + ") - " + fromUS + ") // " + stepUS, ident: uniqueIdent(bin, r.cols)})
	r.star = false
	binID := &parser.Ident{Name: bin, NameSpan: axisID.NameSpan}
	sum := &parser.Summarize{OpBase: parser.OpBase{Keyword: op.Name(), KwSpan: op.Span(), Last: op.Span()}, Aggs: aggs, By: append(append([]parser.Expr(nil), ms.By...), binID)}
	grouped, err := compileSummarize(c, r, sum)
	if err != nil {
		return nil, err
	}
	g := c.wrap(grouped)
	nby := len(ms.By)
	byCols, binCol, aggCols := g.cols[:nby], g.cols[nby], g.cols[nby+1:]
	for i, col := range aggCols {
		if !col.typ.isNumeric() {
			return nil, c.opErrorf(op.Name(), aggs[i], CodeNotSupported, "make-series of a %s aggregate is not supported; only numbers are", col.typ)
		}
	}
	for _, col := range append(append([]*column(nil), byCols...), aggCols...) {
		if col.name == axisID.Name {
			return nil, c.duplicate(op, ms.Axis, col.name)
		}
	}

	// Step 2: each group's bins and values as lists, in bin order.
	var sel, keys []string
	for _, col := range byCols {
		sel = append(sel, col.sql+" AS "+quoteIdent(col.ident))
		keys = append(keys, col.sql)
	}
	order := " ORDER BY " + binCol.sql
	sel = append(sel, "list("+binCol.sql+order+") AS \"__bins\"")
	for i, col := range aggCols {
		sel = append(sel, "list("+col.sql+order+") AS \"__v"+strconv.Itoa(i+1)+"\"")
	}
	lists := "SELECT " + strings.Join(sel, ", ") + " FROM " + g.from
	if len(keys) > 0 {
		lists += " GROUP BY " + strings.Join(keys, ", ")
	} else if !nonEmpty {
		lists += " HAVING count(*) > 0" // no rows, no series
	}
	name := c.cteName()
	c.ctes = append(c.ctes, quoteIdent(name)+" AS ("+lists+")")

	// Step 3: the arrays along the axis.
	out := &relation{from: quoteIdent(name)}
	for _, col := range byCols {
		out.cols = append(out.cols, &column{name: col.name, typ: col.typ, sql: quoteIdent(col.ident), plain: true})
	}
	rng := "range(0, " + n + ")"
	for i, col := range aggCols {
		def := "0"
		if d := ms.Aggs[i].Default; d != nil {
			if def, err = seriesDefault(c, op, d, col.typ); err != nil {
				return nil, err
			}
		}
		v := "\"__v" + strconv.Itoa(i+1) + "\""
		elem := "CASE WHEN list_position(\"__bins\", i) IS NULL THEN CAST(" + def + " AS " + duckTypes[col.typ] + ") ELSE " + v + "[list_position(\"__bins\", i)] END"
		out.cols = append(out.cols, &column{name: col.name, typ: TDynamic, sql: "to_json(list_transform(" + rng + ", i -> " + elem + "))"})
	}
	at := &sqlExpr{sql: "make_timestamp(" + fromUS + " + i * " + stepUS + ")", typ: TDatetime}
	out.cols = append(out.cols, &column{name: axisID.Name, typ: TDynamic, sql: "to_json(list_transform(" + rng + ", i -> " + e.toString(at) + "))"})
	assignIdents(out.cols)
	return out, nil
}

// seriesDefault compiles a make-series default: a constant number, or null.
func seriesDefault(c *compiler, op parser.Operator, d parser.Expr, typ Type) (string, error) {
	x, err := (&ectx{c: c, op: op.Name()}).expr(d)
	if err != nil {
		return "", err
	}
	switch {
	case x.konst == nil:
		return "", c.opErrorf(op.Name(), d, CodeArgument, "The default of make-series must be a constant")
	case x.konst.null:
		return "NULL", nil
	case x.typ.isInteger() || x.typ == TReal && typ == TReal:
		return x.sql, nil
	}
	return "", c.opErrorf(op.Name(), d, CodeNotSupported, "a make-series default of type %s for an aggregate of type %s is not supported", x.typ, typ)
}
