package kql

import (
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// partitionOps are the operators a partition subquery may use: those that
// read only the partition's rows. An operator that brings in other rows
// (join, union, lookup) or names the result (as) is refused.
var partitionOps = map[string]bool{
	"where": true, "filter": true, "extend": true, "project": true,
	"project-away": true, "project-rename": true, "project-reorder": true,
	"project-keep": true, "summarize": true, "order": true, "sort": true,
	"take": true, "limit": true, "top": true, "distinct": true, "count": true,
	"mv-expand": true, "mvexpand": true, "parse": true, "parse-where": true,
	"top-nested": true, "make-series": true, "serialize": true, "sample": true,
}

// compilePartition runs the subquery once per distinct value of the key
// column, over the rows that have it, as a DuckDB LATERAL join: the outer
// side is the distinct keys, the subquery's source the input filtered to
// the outer key. The result is the union of the subqueries' results: their
// columns, as Kusto gives them, in no particular order.
//
// Only a string key is supported: a string is never null, and the
// documentation does not say which partition a null key falls in.
func compilePartition(c *compiler, in *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(in, op); err != nil {
		return nil, err
	}
	pt := op.(*parser.Partition)
	if c.subDepth > 0 {
		// DuckDB fails to bind a LATERAL join nested in another.
		return nil, c.opErrorf(op.Name(), op, CodeNotSupported, "partition inside an mv-apply subquery is not supported yet")
	}
	for _, p := range pt.Params {
		if err := c.partitionHint(op, p); err != nil {
			return nil, err
		}
	}
	key := in.lookup(pt.By.Name)
	if key == nil {
		return nil, c.opErrorf(op.Name(), pt.By, CodeUnresolved, "Failed to resolve column or scalar expression named '%s'", pt.By.Name)
	}
	if key.typ != TString {
		return nil, c.opErrorf(op.Name(), pt.By, CodeNotSupported, "partition by a column of type %s is not supported yet (only string keys, which are never null)", key.typ)
	}
	for _, sub := range pt.Sub.Ops {
		if !partitionOps[sub.Name()] {
			return nil, c.opErrorf(op.Name(), sub, CodeNotSupported, "the '%s' operator in a partition subquery is not supported yet", sub.Name())
		}
		if calls := windowCalls(windowExprs(sub)); len(calls) > 0 {
			return nil, c.opErrorf(op.Name(), calls[0], CodeNotSupported, "window functions (%s) in a partition subquery are not supported yet", calls[0].Func.Name)
		}
	}
	in = c.wrap(in)
	key = in.lookup(pt.By.Name)
	ka, sa := quoteIdent(c.cteName()), quoteIdent(c.cteName())
	keys := "(SELECT DISTINCT " + key.sql + " AS \"__key\" FROM " + in.from + ") AS " + ka
	// The subquery's source: the input's rows of the outer key.
	src := "(SELECT * FROM " + in.from + " WHERE " + key.sql + " = " + ka + ".\"__key\")"
	sub, err := c.subquery(over(src, in.cols), pt.Sub)
	if err != nil {
		return nil, err
	}
	out := &relation{from: keys + ", LATERAL (" + sub.sql + ") AS " + sa}
	for _, col := range sub.rel.cols {
		out.cols = append(out.cols, &column{name: col.name, typ: col.typ, sql: sa + "." + quoteIdent(col.ident), ident: col.ident, plain: true, hidden: col.hidden, members: col.members})
	}
	return out, nil
}

// partitionHint checks one hint of partition. The strategies and the hints
// that tune how Kusto spreads the work give the same rows; secexport
// accepts and ignores them.
func (c *compiler) partitionHint(op parser.Operator, p *parser.Param) error {
	name := strings.ToLower(p.Name.Name)
	switch name {
	case "hint.strategy":
		if v, ok := p.Value.(*parser.Ident); ok && (v.Name == "native" || v.Name == "shuffle" || v.Name == "legacy") {
			return nil
		}
		return c.opErrorf(op.Name(), p.Value, CodeNotSupported, "hint.strategy other than native, shuffle or legacy is not supported")
	case "hint.materialized":
		if v, ok := p.Value.(*parser.Ident); ok && (v.Name == "true" || v.Name == "false") {
			return nil
		}
		return c.opErrorf(op.Name(), p.Value, CodeNotSupported, "hint.materialized other than true or false is not supported")
	case "hint.concurrency", "hint.spread":
		if l, ok := p.Value.(*parser.Literal); ok && l.Kind == parser.LitLong && !l.Null {
			return nil
		}
		return c.opErrorf(op.Name(), p.Value, CodeNotSupported, "%s other than an integer is not supported", p.Name.Name)
	}
	return c.opErrorf(op.Name(), p.Name, CodeNotSupported, "the option '%s' is not supported yet", p.Name.Name)
}
