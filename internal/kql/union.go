package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// compileUnion writes union (kind=outer, Kusto's default) as UNION ALL of
// SELECTs that all list every column of every leg, with NULL where a leg
// lacks one. Columns of the same name and different types become Name_type.
func compileUnion(c *compiler, in *relation, op parser.Operator) (*relation, error) {
	u := op.(*parser.Union)
	source := ""
	for _, p := range u.Params {
		v, _ := p.Value.(*parser.Ident)
		switch {
		case p.Name.Name == "kind" && v != nil && v.Name == "outer":
		case p.Name.Name == "kind" && v != nil && v.Name == "inner":
			return nil, c.errorf(p.Name, CodeNotSupported, "union kind=inner is not supported yet")
		case (p.Name.Name == "withsource" || p.Name.Name == "withSource") && v != nil:
			source = v.Name
		case p.Name.Name == "isfuzzy":
		default:
			return nil, c.errorf(p.Name, CodeNotSupported, "the union option '%s' is not supported", p.Name.Name)
		}
	}
	type leg struct {
		name string
		r    *relation
	}
	var legs []leg
	if in != nil {
		legs = append(legs, leg{"union_arg0", in})
	}
	for _, t := range u.Tables {
		r, err := c.tabular(t)
		if err != nil {
			return nil, err
		}
		// withsource names a table leg by the table, and any other leg, a
		// tabular let among them, union_argN by its position.
		name := "union_arg" + strconv.Itoa(len(legs))
		if id, ok := t.(*parser.Ident); ok && c.lets[id.Name] == nil {
			name = id.Name
		}
		legs = append(legs, leg{name, r})
	}

	// The output columns, in order of first appearance.
	type outCol struct {
		name   string
		typ    Type
		hidden bool // hidden in every leg that has it
	}
	var order []string
	types := map[string][]Type{}
	shown := map[string]bool{} // names some leg has as a visible column
	for _, l := range legs {
		for _, col := range l.r.cols {
			if !col.hidden {
				shown[col.name] = true
			}
			ts, seen := types[col.name]
			if !seen {
				order = append(order, col.name)
			}
			if !containsType(ts, col.typ) {
				types[col.name] = append(ts, col.typ)
			}
		}
	}
	var outs []outCol
	if source != "" {
		outs = append(outs, outCol{source, TString, false})
	}
	for _, n := range order {
		if ts := types[n]; len(ts) == 1 {
			outs = append(outs, outCol{n, ts[0], !shown[n]})
		} else {
			for _, t := range ts {
				outs = append(outs, outCol{n + "_" + string(t), t, !shown[n]})
			}
		}
	}
	outcols := make([]*column, len(outs))
	for i, o := range outs {
		outcols[i] = &column{name: o.name, typ: o.typ, hidden: o.hidden}
	}
	assignIdents(outcols)

	var selects []string
	for _, l := range legs {
		r := l.r
		if !r.open() {
			r = c.wrap(r)
		}
		// The leg's columns by the output column they fill.
		have := map[string]string{}
		for _, lc := range r.cols {
			name := lc.name
			if len(types[name]) > 1 {
				name += "_" + string(lc.typ)
			}
			have[name] = lc.sql
		}
		sel := r.clone()
		sel.cols, sel.star = nil, false
		for i, o := range outs {
			col := &column{name: o.name, typ: o.typ, ident: outcols[i].ident}
			sql, ok := have[o.name]
			switch {
			case source != "" && i == 0:
				sql = c.arg(l.name)
			case !ok && o.typ == TString:
				sql = "''" // a string is never null in Kusto
			case !ok:
				sql = "CAST(NULL AS " + duckTypes[o.typ] + ")"
			}
			col.sql = sql
			sel.cols = append(sel.cols, col)
		}
		selects = append(selects, sel.sql())
	}
	name := c.cteName()
	c.ctes = append(c.ctes, quoteIdent(name)+" AS ("+strings.Join(selects, " UNION ALL ")+")")
	return over(quoteIdent(name), outcols), nil
}

func containsType(ts []Type, t Type) bool {
	for _, u := range ts {
		if u == t {
			return true
		}
	}
	return false
}
