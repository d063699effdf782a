package kql

import (
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// compileEvaluate compiles evaluate; bag_unpack is the only plugin.
func compileEvaluate(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	ev := op.(*parser.Evaluate)
	for _, p := range ev.Params {
		if !strings.HasPrefix(p.Name.Name, "hint.") {
			return nil, c.opErrorf(op.Name(), p.Name, CodeNotSupported, "the evaluate option '%s' is not supported", p.Name.Name)
		}
	}
	if ev.Plugin.Func.Name != "bag_unpack" {
		return nil, c.opErrorf(op.Name(), ev.Plugin.Func, CodeNotSupported, "the '%s' plugin is not supported yet", ev.Plugin.Func.Name)
	}
	return c.bagUnpack(r, ev)
}

// bagUnpack compiles evaluate bag_unpack(Column [, Prefix]) [: (Schema)].
//
// With an output schema, Kusto returns exactly the declared columns: each is
// an input column of that name, or else the bag's slot of that name (less
// the prefix), converted to the declared type as toT() converts. A leading
// '*' keeps every input column but the unpacked one in front.
//
// Without one, the columns are the slots found in the data, which only a
// probe (WithProbe) can learn; without a probe the query is refused.
func (c *compiler) bagUnpack(r *relation, ev *parser.Evaluate) (*relation, error) {
	const op = "evaluate"
	call := ev.Plugin
	if len(call.Args) < 1 || len(call.Args) > 2 {
		for _, a := range call.Args {
			if n, ok := a.(*parser.Named); ok {
				return nil, c.opErrorf(op, n.Name, CodeNotSupported, "the bag_unpack argument '%s' is not supported yet", n.Name.Name)
			}
		}
		if len(call.Args) > 2 {
			return nil, c.opErrorf(op, call.Args[2], CodeNotSupported, "bag_unpack with columnsConflict or ignoredProperties is not supported yet")
		}
		return nil, c.opErrorf(op, call, CodeArgument, "bag_unpack expects a dynamic column and an optional column name prefix")
	}
	if !ev.HasSchema && c.probe == nil {
		return nil, c.opErrorf(op, call, CodeNotSupported, "bag_unpack without an output schema is not supported: its columns depend on the data; declare them, as in evaluate bag_unpack(Column) : (*, Name: string, Count: long)")
	}
	bagID, ok := call.Args[0].(*parser.Ident)
	if !ok {
		return nil, c.opErrorf(op, call.Args[0], CodeNotSupported, "bag_unpack of an expression is not supported; unpack a column")
	}
	r = c.ready(r, bagID)
	e := &ectx{c: c, r: r, op: op}
	bag, err := e.expr(bagID)
	if err != nil {
		return nil, err
	}
	if bag.typ != TDynamic {
		return nil, c.opErrorf(op, bagID, CodeNotSupported, "bag_unpack of a %s column is not supported; convert it with parse_json() first", bag.typ)
	}
	prefix := ""
	if len(call.Args) == 2 {
		if _, named := call.Args[1].(*parser.Named); named {
			return nil, c.opErrorf(op, call.Args[1], CodeNotSupported, "named bag_unpack arguments are not supported yet")
		}
		x, err := e.expr(call.Args[1])
		if err != nil {
			return nil, err
		}
		if prefix, err = constString(e, "bag_unpack", call.Args[1], x, "column prefix"); err != nil {
			return nil, err
		}
	}
	if !ev.HasSchema {
		return c.bagUnpackProbed(r, bagID, prefix)
	}
	p := newProjection(r)
	if ev.SchemaStar {
		for _, col := range r.cols {
			if col.name != bagID.Name {
				p.add(col, false)
			}
		}
	}
	for _, sc := range ev.Schema {
		t, ok := typeAliases[strings.ToLower(sc.Type)]
		if !ok {
			return nil, c.opErrorf(op, sc.Name, CodeArgument, "Unknown type '%s'", sc.Type)
		}
		name := sc.Name.Name
		if name == bagID.Name {
			return nil, c.opErrorf(op, sc.Name, CodeNotSupported, "an output schema that names the unpacked column is not supported")
		}
		if in := r.lookup(name); in != nil {
			if ev.SchemaStar {
				return nil, c.duplicate(ev, sc.Name, name)
			}
			if in.typ != t {
				return nil, c.opErrorf(op, sc.Name, CodeNotSupported, "declaring the input column '%s' of type %s as %s is not supported", name, in.typ, t)
			}
			shown := *in
			shown.hidden = false
			if !p.declare(&shown, false) {
				return nil, c.duplicate(ev, sc.Name, name)
			}
			continue
		}
		if !strings.HasPrefix(name, prefix) {
			return nil, c.opErrorf(op, sc.Name, CodeNotSupported, "the output column '%s' does not start with the prefix '%s'", name, prefix)
		}
		if t == TTimespan || t == TGuid || t == TDecimal {
			return nil, c.opErrorf(op, sc.Name, CodeNotSupported, "bag_unpack into a column of type %s is not supported yet", t)
		}
		slot := &parser.Index{X: bagID, I: &parser.Literal{Kind: parser.LitString, Text: strings.TrimPrefix(name, prefix), ValSpan: sc.Name.NameSpan}, Rbrack: sc.Name.NameSpan}
		v, err := e.expr(slot)
		if err != nil {
			return nil, err
		}
		if !p.declare(&column{name: name, typ: t, sql: e.cast(v, t)}, false) {
			return nil, c.duplicate(ev, sc.Name, name)
		}
	}
	if len(p.cols) == 0 {
		return nil, c.opErrorf(op, ev, CodeNotSupported, "bag_unpack with no output columns is not supported")
	}
	r.cols, r.star = p.cols, false
	assignIdents(r.cols)
	return r, nil
}
