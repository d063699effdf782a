package kql

import (
	"strconv"

	"github.com/secexport/secexport/internal/kql/parser"
)

// compileSummarize writes summarize as one grouped SELECT: the by columns
// first, then the aggregates, as Kusto orders them. arg_max and arg_min
// aggregate a struct of the row's values and a second SELECT unpacks it.
func compileSummarize(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	s := op.(*parser.Summarize)
	r = c.ready(r, append(append([]parser.Expr(nil), s.Aggs...), s.By...)...)
	e := &ectx{c: c, r: r, op: op.Name()}
	p := newProjection(r)
	var groupBy []string
	keys := map[string]bool{}
	for _, item := range s.By {
		target, name := item, ""
		if n, ok := item.(*parser.Named); ok {
			target, name = n.X, n.Name.Name
		}
		x, err := e.expr(target)
		if err != nil {
			return nil, err
		}
		if x.typ == TDynamic {
			return nil, e.errorf(target, CodeType, "The value of type 'dynamic' is not allowed in summarize by; convert it with tostring()")
		}
		// A constant key does not split the groups; DuckDB would take a
		// bound parameter or an integer literal in GROUP BY for a column
		// position, or refuse it.
		if x.konst == nil {
			groupBy = append(groupBy, unpositional(x.sql))
		}
		col := &column{typ: x.typ, sql: typedSQL(x)}
		switch it := target.(type) {
		case *parser.Ident:
			col.name = it.Name
			if name != "" {
				col.name = name
			}
			if !p.declare(col, false) {
				return nil, c.duplicate(op, item, col.name)
			}
		default:
			if name != "" {
				col.name = name
				if !p.declare(col, false) {
					return nil, c.duplicate(op, item, name)
				}
				break
			}
			if col.name = c.resultName(target, r); col.name == "" {
				col.name = p.generated()
			}
			p.add(col, false)
		}
		keys[col.name] = true
	}
	// Each arg_max/arg_min (and take_any of several values) aggregates a
	// struct; its columns are picks from it.
	type pick struct{ id, field string }
	var structs []*column
	picks := map[*column]pick{}
	ae := &ectx{c: c, r: r, op: op.Name(), aggOK: true}
	for _, item := range s.Aggs {
		target, name := item, ""
		if n, ok := item.(*parser.Named); ok {
			target, name = n.X, n.Name.Name
		}
		if call, ok := target.(*parser.Call); ok && (call.Func.Name == "arg_max" || call.Func.Name == "arg_min" || multiAny(call)) {
			pickRow := ae.argMax
			if multiAny(call) {
				pickRow = ae.takeAny
			}
			sql, fields, err := pickRow(call, name, keys)
			if err != nil {
				return nil, err
			}
			id := "__arg" + strconv.Itoa(len(structs)+1)
			structs = append(structs, &column{name: id, typ: TDynamic, sql: sql, ident: id})
			for i, f := range fields {
				col := &column{name: f.name, typ: f.typ, hidden: f.hidden}
				if i == 0 && name != "" {
					if !p.declare(col, false) {
						return nil, c.duplicate(op, item, name)
					}
				} else {
					p.add(col, false)
				}
				picks[col] = pick{id: id, field: f.field}
			}
			continue
		}
		if call, ok := target.(*parser.Call); ok && call.Func.Name == "percentiles" {
			// One column per percentile; a declared name names the first.
			calls, err := ae.percentiles(call)
			if err != nil {
				return nil, err
			}
			for i, pc := range calls {
				x, err := ae.expr(pc)
				if err != nil {
					return nil, err
				}
				col := &column{typ: x.typ, sql: x.sql}
				if i == 0 && name != "" {
					col.name = name
					if !p.declare(col, false) {
						return nil, c.duplicate(op, item, name)
					}
					continue
				}
				col.name = c.resultName(pc, r)
				p.add(col, false)
			}
			continue
		}
		x, err := ae.expr(target)
		if err != nil {
			return nil, err
		}
		if !x.agg {
			return nil, e.errorf(target, CodeArgument, "The summarize expression must be an aggregation, such as count() or sum(X)")
		}
		col := &column{typ: x.typ, sql: x.sql}
		if name != "" {
			col.name = name
			if !p.declare(col, false) {
				return nil, c.duplicate(op, item, name)
			}
			continue
		}
		if _, isCall := target.(*parser.Call); isCall {
			col.name = c.resultName(target, r)
		}
		if col.name == "" {
			col.name = p.generated()
		}
		p.add(col, false)
	}
	if len(groupBy) == 0 && len(s.By) > 0 {
		// Only constant keys: still grouped, so that no rows give no group.
		groupBy = []string{"true"}
	}
	out := &relation{from: r.from, where: r.where, groupBy: groupBy, grouped: true}
	if len(structs) == 0 {
		out.cols = p.cols
		assignIdents(out.cols)
		return out, nil
	}
	// Select the by columns, the other aggregates and the structs; then
	// unpack the structs in a second SELECT, in the declared column order.
	emitted := map[string]bool{}
	for _, col := range p.cols {
		pk, ok := picks[col]
		if !ok {
			out.cols = append(out.cols, col)
			continue
		}
		if !emitted[pk.id] {
			emitted[pk.id] = true
			for _, st := range structs {
				if st.name == pk.id {
					out.cols = append(out.cols, st)
				}
			}
		}
	}
	assignIdents(out.cols)
	final := &relation{from: c.wrap(out).from}
	for _, col := range p.cols {
		if pk, ok := picks[col]; ok {
			col.sql = "struct_extract(" + quoteIdent(pk.id) + ", " + quoteString(pk.field) + ")"
		} else {
			col.sql, col.plain = quoteIdent(col.ident), true
		}
		final.cols = append(final.cols, col)
	}
	assignIdents(final.cols)
	return final, nil
}
