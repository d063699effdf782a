package kql

import (
	"path"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// More tabular operators: project-rename, project-reorder, project-keep and
// mv-expand, each one entry in the operators table (operators.go).

// compileProjectRename renames columns in place; the SQL does not change.
func compileProjectRename(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	pr := op.(*parser.ProjectRename)
	cols := append([]*column(nil), r.cols...)
	renamed := map[string]bool{}
	for _, n := range pr.Pairs {
		old := n.X.(*parser.Ident)
		i := -1
		for j, col := range r.cols {
			if col.name == old.Name {
				i = j
			}
		}
		if i < 0 {
			return nil, c.opErrorf(op.Name(), old, CodeUnresolved, "Failed to resolve column named '%s'", old.Name)
		}
		if renamed[n.Name.Name] {
			return nil, c.duplicate(op, n, n.Name.Name)
		}
		renamed[n.Name.Name] = true
		nc := *cols[i]
		nc.name, nc.hidden = n.Name.Name, false
		cols[i] = &nc
	}
	// A new name that another, untouched column still has is a clash.
	seen := map[string]bool{}
	for _, col := range cols {
		if seen[col.name] {
			return nil, c.duplicate(op, op, col.name)
		}
		seen[col.name] = true
	}
	r.cols = cols
	return r, nil
}

// matchCols returns, for each pattern, the indexes of r's columns it names,
// in their order; a name that matches nothing is an error.
func (c *compiler) matchCols(r *relation, op parser.Operator, pats []*parser.ColPattern) ([][]int, error) {
	out := make([][]int, len(pats))
	for k, p := range pats {
		for i, col := range r.cols {
			if p.Wildcard {
				if ok, _ := path.Match(p.Name.Name, col.name); ok && !col.hidden {
					out[k] = append(out[k], i)
				}
			} else if col.name == p.Name.Name {
				out[k] = append(out[k], i)
			}
		}
		if len(out[k]) == 0 && !p.Wildcard {
			return nil, c.opErrorf(op.Name(), p, CodeUnresolved, "Failed to resolve column named '%s'", p.Name.Name)
		}
	}
	return out, nil
}

// compileProjectReorder puts the named columns first, in the order named
// (the columns a wildcard matches in their input order), then the rest.
func compileProjectReorder(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	pats := op.(*parser.ProjectReorder).Cols
	idx, err := c.matchCols(r, op, pats)
	if err != nil {
		return nil, err
	}
	used := make([]bool, len(r.cols))
	var cols []*column
	for k, is := range idx {
		for _, i := range is {
			if !used[i] {
				used[i] = true
				col := *r.cols[i]
				col.hidden = col.hidden && pats[k].Wildcard
				cols = append(cols, &col)
			}
		}
	}
	for i, col := range r.cols {
		if !used[i] {
			cols = append(cols, col)
		}
	}
	r.cols, r.star = cols, false
	return r, nil
}

// compileProjectKeep keeps the named columns, in their input order.
func compileProjectKeep(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	pats := op.(*parser.ProjectKeep).Cols
	if r.distinct {
		r = c.wrap(r)
	}
	idx, err := c.matchCols(r, op, pats)
	if err != nil {
		return nil, err
	}
	keep := make([]bool, len(r.cols))
	named := make([]bool, len(r.cols))
	for k, is := range idx {
		for _, i := range is {
			keep[i] = true
			named[i] = named[i] || !pats[k].Wildcard
		}
	}
	var cols []*column
	for i, col := range r.cols {
		if keep[i] {
			if named[i] && col.hidden {
				shown := *col
				shown.hidden = false
				col = &shown
			}
			cols = append(cols, col)
		}
	}
	if len(cols) == 0 {
		return nil, c.opErrorf(op.Name(), op, CodeNotSupported, "Removing every column is not supported")
	}
	r.cols, r.star = cols, false
	return r, nil
}

// mvExpandList is SQL for the list mv-expand unnests from a dynamic value:
// an array's elements, a property bag's entries as one-entry bags, and any
// other value (null included) as itself. An empty array or bag gives no row.
// An array, the common case, is read by one cast, which parses it once
// (json_type and json_extract parsed it twice); a null element becomes a
// SQL null, which is Kusto's null. Only what is not an array is looked at
// again.
func mvExpandList(x string) string {
	return "coalesce(TRY_CAST(CAST(" + x + " AS JSON) AS JSON[]), CASE json_type(" + x + ")" +
		" WHEN 'OBJECT' THEN list_transform(json_keys(" + x + "), k -> json_object(k, json_extract(" + x + ", '$.\"' || replace(replace(k, '\\', '\\\\'), '\"', '\\\"') || '\"')))" +
		" ELSE [" + x + "] END)"
}

// compileMvExpand writes one SELECT that unnests every expanded column (DuckDB
// unnests several lists of one SELECT side by side, padding the shorter with
// nulls, as Kusto does), then applies the types of "to typeof(T)".
func compileMvExpand(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	mv := op.(*parser.MvExpand)
	for _, p := range mv.Params {
		return nil, c.opErrorf(op.Name(), p.Name, CodeNotSupported, "the option '%s' is not supported yet", p.Name.Name)
	}
	var xs []parser.Expr
	for _, it := range mv.Items {
		xs = append(xs, it.X)
	}
	r = c.ready(r, xs...)
	e := &ectx{c: c, r: r, op: op.Name()}
	p := newProjection(r)
	p.cols = append(p.cols, r.cols...)
	names := make([]string, len(mv.Items))
	for k, it := range mv.Items {
		target, name := it.X, ""
		switch x := it.X.(type) {
		case *parser.Named:
			target, name = x.X, x.Name.Name
		case *parser.Ident:
			name = x.Name
		default:
			if name = c.resultName(it.X, r); name == "" {
				return nil, c.opErrorf(op.Name(), it.X, CodeNotSupported, "name the expanded expression: Name = expression")
			}
		}
		x, err := e.expr(target)
		if err != nil {
			return nil, err
		}
		if x.typ != TDynamic {
			return nil, c.opErrorf(op.Name(), target, CodeType, "The expression to expand must be of type dynamic, not %s", x.typ)
		}
		if x.agg {
			return nil, c.opErrorf(op.Name(), target, CodeArgument, "Aggregation functions can only be used in summarize")
		}
		p.add(&column{name: name, typ: TDynamic, sql: "unnest(" + mvExpandList(paren(x)) + ")"}, true)
		names[k] = name
	}
	r.cols, r.star = p.cols, false
	assignIdents(r.cols)
	r = c.wrap(r)
	for k, it := range mv.Items {
		if it.ToType == nil {
			continue
		}
		t, ok := typeAliases[strings.ToLower(it.ToType.Type)]
		if !ok {
			return nil, c.opErrorf(op.Name(), it.ToType, CodeArgument, "Unknown type '%s'", it.ToType.Type)
		}
		if t == TDynamic {
			continue
		}
		if t == TTimespan || t == TGuid || t == TDecimal {
			return nil, c.opErrorf(op.Name(), it.ToType, CodeNotSupported, "mv-expand to typeof(%s) is not supported yet", it.ToType.Type)
		}
		col := r.lookup(names[k])
		x := &sqlExpr{sql: col.sql, typ: TDynamic, atomic: true, col: col}
		nc := *col
		nc.typ, nc.sql, nc.plain = t, e.cast(x, t), false
		for i := range r.cols {
			if r.cols[i] == col {
				r.cols[i] = &nc
			}
		}
		r.star = false
	}
	return r, nil
}
