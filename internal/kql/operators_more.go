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
	// A new name may be neither a column of the input, even one renamed
	// here (A = B, B = A), nor another new name, as in Kusto.
	declared := map[string]bool{}
	for _, col := range r.cols {
		declared[col.name] = true
	}
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
		if declared[n.Name.Name] {
			return nil, c.duplicate(op, n, n.Name.Name)
		}
		declared[n.Name.Name] = true
		nc := *cols[i]
		nc.name, nc.hidden = n.Name.Name, false
		cols[i] = &nc
	}
	r.cols = cols
	return r, nil
}

// matchCols returns, for each pattern, the indexes of r's columns it names,
// in their order; a name or a wildcard that matches nothing is an error. A
// wildcard matches hidden columns only with withHidden (project-away), so
// that project-keep and project-reorder never show one unnamed.
func (c *compiler) matchCols(r *relation, op parser.Operator, pats []*parser.ColPattern, withHidden bool) ([][]int, error) {
	out := make([][]int, len(pats))
	for k, p := range pats {
		found := false
		for i, col := range r.cols {
			if p.Wildcard {
				if ok, _ := path.Match(p.Name.Name, col.name); ok {
					found = true
					if withHidden || !col.hidden {
						out[k] = append(out[k], i)
					}
				}
			} else if col.name == p.Name.Name {
				found = true
				out[k] = append(out[k], i)
			}
		}
		switch {
		case !found && p.Wildcard:
			return nil, c.opErrorf(op.Name(), p, CodeUnresolved, "The name '%s' does not refer to any known column", p.Name.Name)
		case !found:
			return nil, c.opErrorf(op.Name(), p, CodeUnresolved, "Failed to resolve column named '%s'", p.Name.Name)
		}
	}
	return out, nil
}

// compileProjectReorder puts the named columns first, in the order named
// (the columns a wildcard matches in their input order, or sorted by name
// as asc, desc, granny-asc or granny-desc say: column_order.go), then the
// rest.
func compileProjectReorder(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	pats := op.(*parser.ProjectReorder).Cols
	idx, err := c.matchCols(r, op, pats, false)
	if err != nil {
		return nil, err
	}
	used := make([]bool, len(r.cols))
	var cols []*column
	for k, is := range idx {
		sortColumns(r.cols, is, pats[k].Order)
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
	idx, err := c.matchCols(r, op, pats, false)
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
// With bagArray (kind=array), a bag's entries are [key, value] arrays instead.
// An array, the common case, is read by one cast, which parses it once
// (json_type and json_extract parsed it twice); a null element becomes a
// SQL null, which is Kusto's null. Only what is not an array is looked at
// again.
func mvExpandList(x string, bagArray bool) string {
	entry := "json_object"
	if bagArray {
		entry = "json_array"
	}
	return "coalesce(TRY_CAST(CAST(" + x + " AS JSON) AS JSON[]), CASE json_type(" + x + ")" +
		" WHEN 'OBJECT' THEN list_transform(json_keys(" + x + "), k -> " + entry + "(k, json_extract(" + x + ", '$.\"' || replace(replace(k, '\\', '\\\\'), '\"', '\\\"') || '\"')))" +
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
	opts, err := c.mvExpandOptions(mv)
	if err != nil {
		return nil, err
	}
	var xs []parser.Expr
	for _, it := range mv.Items {
		xs = append(xs, it.X)
	}
	members := c.mvMembers[mv]
	// A typed mv-expand of a column defined as parse_json(S) reads S
	// itself: find S among r's columns before ready() wraps r.
	textAt := -1
	if members != nil {
		if col := r.lookup(mv.Items[0].X.(*parser.Ident).Name); col != nil {
			_, textAt = parsedText(r, col.sql)
		}
	}
	before := r
	r = c.ready(r, xs...)
	e := &ectx{c: c, r: r, op: op.Name()}
	p := newProjection(r)
	p.cols = append(p.cols, r.cols...)
	names := make([]string, len(mv.Items))
	var lists []string
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
		var list string
		if members != nil {
			text := ""
			if textAt >= 0 && len(r.cols) == len(before.cols) && r.cols[textAt].name == before.cols[textAt].name {
				text = r.cols[textAt].sql
			}
			list = typedMvList(paren(x), text, members)
		} else {
			list = mvExpandList(paren(x), opts.bagArray)
		}
		if opts.limit != "" {
			list = "list_slice(" + list + ", 1, " + opts.limit + ")"
		}
		lists = append(lists, list)
		p.add(&column{name: name, typ: TDynamic, sql: "unnest(" + list + ")", members: members}, true)
		names[k] = name
	}
	if opts.index != "" {
		// The index runs over the longest list, side by side with the lists.
		lens := make([]string, len(lists))
		for i, l := range lists {
			lens[i] = "len(" + l + ")"
		}
		n := lens[0]
		if len(lens) > 1 {
			n = "greatest(" + strings.Join(lens, ", ") + ")"
		}
		for _, col := range p.cols {
			if _, ok := p.suffix[col.name]; !ok {
				p.suffix[col.name] = 0
			}
		}
		p.add(&column{name: opts.index, typ: TLong, sql: "unnest(range(0, " + n + "))"}, false)
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
