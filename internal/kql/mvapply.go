package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// compileMvApply runs the subquery once per input row, over that row's
// expansion, as a DuckDB LATERAL join: the outer row is aliased, the
// subquery's source unnests the row's arrays (with the row's other columns
// beside them), and the subquery's own CTEs are written inside the LATERAL
// so that they may refer to the outer row.
//
// The columns are Kusto's: the input's columns, less those expanded under
// their own name; a subquery column of the same name as one of them takes
// its place; the subquery's other columns follow.
func compileMvApply(c *compiler, in *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(in, op); err != nil {
		return nil, err
	}
	mv := op.(*parser.MvApply)
	var itemIndex *parser.Ident
	bagArray := false
	for _, p := range mv.Params {
		v, _ := p.Value.(*parser.Ident)
		switch {
		case p.Name.Name == "with_itemindex" && v != nil:
			itemIndex = v
		case p.Name.Name == "kind":
			// As mv-expand's: kind=array expands a bag into [key, value] arrays.
			if v == nil || v.Name != "bag" && v.Name != "array" {
				return nil, c.opErrorf(op.Name(), p.Value, CodeArgument, "Expected one of: bag, array")
			}
			bagArray = v.Name == "array"
		default:
			return nil, c.opErrorf(op.Name(), p.Name, CodeNotSupported, "the option '%s' is not supported yet", p.Name.Name)
		}
	}
	limit := ""
	if mv.Limit != nil {
		n, err := c.constCount(op, mv.Limit)
		if err != nil {
			return nil, err
		}
		limit = n
	}
	in = c.wrap(in)
	oa, sa := c.cteName(), c.cteName()
	outer := &relation{from: in.from + " AS " + quoteIdent(oa)}
	for _, col := range in.cols {
		outer.cols = append(outer.cols, &column{name: col.name, typ: col.typ, sql: quoteIdent(oa) + "." + quoteIdent(col.ident), ident: col.ident, plain: true, hidden: col.hidden})
	}
	e := &ectx{c: c, r: outer, op: op.Name()}

	// The subquery's source: the outer columns, then the expanded values.
	removed := map[string]bool{}
	var lists, unnests, lens []string
	var items []*column
	u := quoteIdent(c.cteName())
	for k, it := range mv.Items {
		target, name := it.X, ""
		switch x := it.X.(type) {
		case *parser.Named:
			target, name = x.X, x.Name.Name
		case *parser.Ident:
			name = x.Name
			removed[name] = true
		default:
			// Kusto gives an unnamed expression a random name.
			return nil, c.opErrorf(op.Name(), it.X, CodeNotSupported, "name the expanded expression: Name = expression")
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
		v := "__v" + strconv.Itoa(k+1)
		l := quoteIdent("__l" + strconv.Itoa(k+1))
		list := mvExpandList(paren(x), bagArray)
		if limit != "" {
			list = "list_slice(" + list + ", 1, " + limit + ")"
		}
		lists = append(lists, list+" AS "+l)
		unnests = append(unnests, "unnest("+l+") AS "+quoteIdent(v))
		lens = append(lens, "len("+l+")")
		val := &sqlExpr{sql: u + "." + quoteIdent(v), typ: TDynamic, atomic: true}
		col := &column{name: name, typ: TDynamic, sql: val.sql}
		if it.ToType != nil {
			t, ok := typeAliases[strings.ToLower(it.ToType.Type)]
			if !ok {
				return nil, c.opErrorf(op.Name(), it.ToType, CodeArgument, "Unknown type '%s'", it.ToType.Type)
			}
			if t == TTimespan || t == TGuid || t == TDecimal {
				return nil, c.opErrorf(op.Name(), it.ToType, CodeNotSupported, "mv-apply to typeof(%s) is not supported yet", it.ToType.Type)
			}
			col.typ, col.sql = t, e.cast(val, t)
		}
		for _, prev := range items {
			if prev.name == name {
				return nil, c.duplicate(op, it.X, name)
			}
		}
		items = append(items, col)
	}
	// The element's position, hidden, so that take in the subquery takes
	// the first elements whatever order the engine delivers rows in.
	pos := "range(" + lens[0] + ")"
	if len(lens) > 1 {
		pos = "range(greatest(" + strings.Join(lens, ", ") + "))"
	}
	unnests = append(unnests, "unnest("+pos+") AS \"__i\"")
	p := newProjection(nil)
	for _, col := range outer.cols {
		if !removed[col.name] && col.name != mvIndex {
			p.add(&column{name: col.name, typ: col.typ, sql: col.sql, ident: col.ident, hidden: col.hidden}, false)
		}
	}
	for _, col := range items {
		p.add(col, true)
	}
	if itemIndex != nil {
		if p.index(itemIndex.Name) >= 0 {
			return nil, c.opErrorf(op.Name(), itemIndex, CodeNotSupported, "an item index named like another column ('%s') is not supported", itemIndex.Name)
		}
		p.add(&column{name: itemIndex.Name, typ: TLong, sql: u + ".\"__i\""}, false)
	}
	p.cols = append(p.cols, &column{name: mvIndex, typ: TLong, sql: u + ".\"__i\"", hidden: true})
	assignIdents(p.cols)
	var b strings.Builder
	b.WriteString("(SELECT ")
	for i, col := range p.cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(col.sql + " AS " + quoteIdent(col.ident))
	}
	// No alias: operators that read the source as a table name it themselves.
	b.WriteString(" FROM (SELECT " + strings.Join(unnests, ", ") + " FROM (SELECT " + strings.Join(lists, ", ") + ")) AS " + u + ")")
	sub, err := c.subquery(over(b.String(), p.cols), mv.Sub)
	if err != nil {
		return nil, err
	}

	out := &relation{from: outer.from + ", LATERAL (" + sub.sql + ") AS " + quoteIdent(sa)}
	placed := map[string]bool{}
	for _, col := range outer.cols {
		if removed[col.name] {
			continue
		}
		// The input's element position (of an enclosing mv-apply) stays.
		if sc := sub.rel.lookup(col.name); sc != nil && col.name != mvIndex {
			col = sc
			placed[col.name] = true
			out.cols = append(out.cols, &column{name: col.name, typ: col.typ, sql: quoteIdent(sa) + "." + quoteIdent(col.ident), plain: true, hidden: col.hidden})
			continue
		}
		out.cols = append(out.cols, &column{name: col.name, typ: col.typ, sql: col.sql, plain: true, hidden: col.hidden})
	}
	for _, col := range sub.rel.cols {
		if !placed[col.name] && col.name != mvIndex {
			out.cols = append(out.cols, &column{name: col.name, typ: col.typ, sql: quoteIdent(sa) + "." + quoteIdent(col.ident), plain: true, hidden: col.hidden})
		}
	}
	assignIdents(out.cols)
	return out, nil
}

// mvIndex names the hidden column of an element's position in mv-apply's
// subquery.
const mvIndex = "__mv_index"

// A compiled subquery: its SQL (with its own WITH clause) and its columns.
type subResult struct {
	sql string
	rel *relation
}

// subquery compiles the operators of a pipe without a source over src,
// writing the CTEs it needs into its own WITH clause rather than the
// query's, so that the SQL may refer to an enclosing row.
func (c *compiler) subquery(src *relation, sub *parser.Pipe) (*subResult, error) {
	saved, savedLets, savedProbe := c.ctes, c.lets, c.probe
	c.ctes = nil
	c.lets = make(map[string]*letValue, len(savedLets))
	for k, v := range savedLets {
		c.lets[k] = v
	}
	// A probe cannot run SQL that refers to an enclosing row.
	c.probe = nil
	c.subDepth++
	defer func() { c.ctes, c.lets, c.probe = saved, savedLets, savedProbe; c.subDepth-- }()
	r := src
	for _, op := range sub.Ops {
		compile, ok := operators[op.Name()]
		if !ok {
			return nil, c.errorf(op, CodeNotSupported, "the '%s' operator is not supported yet", op.Name())
		}
		if _, isTake := op.(*parser.Take); isTake && len(r.orderBy) == 0 && r.lookup(mvIndex) != nil {
			r = c.sortable(r)
			r.orderBy = []string{r.lookup(mvIndex).sql + " ASC"}
		}
		var err error
		if r, err = compile(c, r, op); err != nil {
			return nil, err
		}
	}
	sql := r.sql()
	if len(c.ctes) > 0 {
		sql = "WITH " + strings.Join(c.ctes, ",\n") + "\n" + sql
	}
	return &subResult{sql: sql, rel: r}, nil
}
