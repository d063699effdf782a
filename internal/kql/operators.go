package kql

import (
	"strconv"

	"github.com/secexport/secexport/internal/kql/parser"
)

// An operatorFunc compiles one tabular operator over its input relation (nil
// for an operator that starts a pipe, such as a leading union).
type operatorFunc func(c *compiler, in *relation, op parser.Operator) (*relation, error)

// operators maps each supported operator keyword to its compiler. Adding an
// operator is one entry here and one in parser's table.
var operators map[string]operatorFunc

func init() {
	operators = map[string]operatorFunc{
		"where":           compileWhere,
		"filter":          compileWhere,
		"extend":          compileExtend,
		"project":         compileProject,
		"project-away":    compileProjectAway,
		"summarize":       compileSummarize,
		"order":           compileSort,
		"sort":            compileSort,
		"take":            compileTake,
		"sample":          compileSample,
		"limit":           compileTake,
		"top":             compileTop,
		"distinct":        compileDistinct,
		"count":           compileCount,
		"union":           compileUnion,
		"join":            compileJoin,
		"project-rename":  compileProjectRename,
		"project-reorder": compileProjectReorder,
		"project-keep":    compileProjectKeep,
		"mv-expand":       compileMvExpand,
		"mvexpand":        compileMvExpand,
		"render":          compileRender,
		"serialize":       compileSerialize,
		"getschema":       compileGetSchema,
		"invoke":          compileInvoke,
		"as":              compileAs,
		"parse":           compileParse,
		"parse-where":     compileParse,
		"mv-apply":        compileMvApply,
		"mvapply":         compileMvApply,
		"lookup":          compileLookup,
		"make-series":     compileMakeSeries,
		"top-nested":      compileTopNested,
		"evaluate":        compileEvaluate,
		"search":          compileSearch,
		"partition":       compilePartition,
	}
}

// needInput reports the error of an operator that has no rows to work on.
func (c *compiler) needInput(in *relation, op parser.Operator) error {
	if in == nil {
		return c.errorf(op, CodeSyntax, "The '%s' operator needs input: start the query with a table", op.Name())
	}
	return nil
}

// refsPlain reports whether every column the expressions use is a plain
// column reference in r, so that they can be written in r's WHERE or GROUP
// BY without computing anything twice.
func refsPlain(r *relation, xs ...parser.Expr) bool {
	ok := true
	for _, x := range xs {
		parser.Walk(x, func(x parser.Expr) {
			if id, isIdent := x.(*parser.Ident); isIdent {
				if col := r.lookup(id.Name); col != nil && !col.plain {
					ok = false
				}
			}
		})
	}
	return ok
}

// ready returns r if row-level work over exprs can fold into it, or a fresh
// relation over r otherwise.
func (c *compiler) ready(r *relation, xs ...parser.Expr) *relation {
	if r.open() && refsPlain(r, xs...) {
		return r
	}
	return c.wrap(r)
}

func compileWhere(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	w := op.(*parser.Where)
	r = c.ready(r, w.Pred)
	e := &ectx{c: c, r: r, op: op.Name()}
	x, err := e.expr(w.Pred)
	if err != nil {
		return nil, err
	}
	b, ok := e.asBool(x, precOr)
	if !ok || x.typ == TDynamic { // Kusto filters on a bool, not on a dynamic value
		return nil, e.errorf(w.Pred, CodeType, "The expression must have the type bool, not %s", x.typ)
	}
	r.where = append(r.where, b)
	return r, nil
}

// newCol makes an output column computing x.
func newCol(name string, x *sqlExpr) *column {
	return &column{name: name, typ: x.typ, sql: typedSQL(x), plain: x.col != nil && x.col.plain}
}

// typedSQL returns x's SQL for a result column. DuckDB types a small integer
// constant as INTEGER; a long or timespan column must be BIGINT.
func typedSQL(x *sqlExpr) string {
	if x.konst != nil && !x.konst.null && (x.typ == TLong || x.typ == TTimespan) {
		return "CAST(" + x.sql + " AS BIGINT)"
	}
	return x.sql
}

// assignIdents gives the columns without a SQL name one, unique within cols.
func assignIdents(cols []*column) {
	var taken []*column
	for _, c := range cols {
		if c.ident != "" {
			taken = append(taken, c)
		}
	}
	for _, c := range cols {
		if c.ident == "" {
			c.ident = uniqueIdent(c.name, taken)
			taken = append(taken, c)
		}
	}
}

func (c *compiler) duplicate(op parser.Operator, n parser.Node, name string) error {
	return c.opErrorf(op.Name(), n, CodeDuplicate, "A column with the name '%s' is already declared", name)
}

func compileExtend(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	ext := op.(*parser.Extend)
	r = c.ready(r, ext.Cols...)
	e := &ectx{c: c, r: r, op: op.Name()}
	before := append([]*column(nil), r.cols...)
	p := newProjection(r)
	p.cols = append(p.cols, r.cols...)
	for _, col := range r.cols {
		p.suffix[col.name] = 0
	}
	for _, item := range ext.Cols {
		target := item
		if n, ok := item.(*parser.Named); ok {
			target = n.X
		}
		x, err := e.expr(target)
		if err != nil {
			return nil, err
		}
		switch it := item.(type) {
		case *parser.Named:
			if !p.declare(newCol(it.Name.Name, x), true) {
				return nil, c.duplicate(op, it, it.Name.Name)
			}
		case *parser.Ident:
			if x.col != nil { // extend A: nothing to add, but A is named now
				p.declared[it.Name] = true
				if i := p.index(it.Name); i >= 0 && p.cols[i].hidden {
					shown := *p.cols[i]
					shown.hidden = false
					p.cols[i] = &shown
				}
				continue
			}
			p.add(newCol(it.Name, x), true)
		default:
			name := c.resultName(item, r)
			_, isCall := item.(*parser.Call)
			if name == "" {
				name = p.generated()
			}
			p.add(newCol(name, x), isCall)
		}
	}
	r.cols = p.cols
	for i := 0; i < r.nstar && r.star; i++ {
		r.star = r.cols[i] == before[i]
	}
	assignIdents(r.cols)
	return r, nil
}

func compileProject(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	pr := op.(*parser.Project)
	r = c.ready(r, pr.Cols...)
	cols, err := c.projectList(r, op, pr.Cols)
	if err != nil {
		return nil, err
	}
	r.cols, r.star = cols, false
	return r, nil
}

// projectList builds the columns of project (and distinct): only the listed
// expressions, named by the query or by Kusto's rules.
func (c *compiler) projectList(r *relation, op parser.Operator, items []parser.Expr) ([]*column, error) {
	e := &ectx{c: c, r: r, op: op.Name()}
	p := newProjection(r)
	for _, item := range items {
		target := item
		if n, ok := item.(*parser.Named); ok {
			target = n.X
		}
		x, err := e.expr(target)
		if err != nil {
			return nil, err
		}
		switch it := item.(type) {
		case *parser.Named:
			if !p.declare(newCol(it.Name.Name, x), true) {
				return nil, c.duplicate(op, it, it.Name.Name)
			}
		case *parser.Ident:
			col := newCol(it.Name, x)
			if x.col != nil && x.col.plain {
				col.ident = x.col.ident
			}
			if !p.declare(col, true) {
				return nil, c.duplicate(op, it, it.Name)
			}
		default:
			name := c.resultName(item, r)
			_, isCall := item.(*parser.Call)
			if name == "" {
				name = p.generated()
			}
			p.add(newCol(name, x), isCall)
		}
	}
	assignIdents(p.cols)
	return p.cols, nil
}

func compileProjectAway(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	pa := op.(*parser.ProjectAway)
	if r.distinct {
		r = c.wrap(r)
	}
	idx, err := c.matchCols(r, op, pa.Cols, true)
	if err != nil {
		return nil, err
	}
	drop := make([]bool, len(r.cols))
	for _, is := range idx {
		for _, i := range is {
			drop[i] = true
		}
	}
	var keep []*column
	for i, col := range r.cols {
		if !drop[i] {
			keep = append(keep, col)
		}
	}
	if len(keep) == 0 {
		return nil, c.opErrorf(op.Name(), op, CodeNotSupported, "Removing every column is not supported")
	}
	r.cols, r.star = keep, false
	return r, nil
}

// constCount compiles the row count of take and top: a constant integer.
func (c *compiler) constCount(op parser.Operator, x parser.Expr) (string, error) {
	e := &ectx{c: c, op: op.Name()}
	v, err := e.expr(x)
	if err != nil {
		return "", err
	}
	if !v.typ.isInteger() || v.konst != nil && v.konst.null {
		return "", e.errorf(x, CodeArgument, "The number of rows must be a constant integer")
	}
	if v.konst == nil {
		// A constant expression, take 2 * 5 or toint("10"): no column is in
		// scope here, so DuckDB can compute it; null counts as no limit.
		return "coalesce(greatest(CAST(" + v.sql + " AS BIGINT), 0), 9223372036854775807)", nil
	}
	n := v.konst.i
	if n < 0 {
		n = 0
	}
	return strconv.FormatInt(n, 10), nil
}

func compileTake(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	n, err := c.constCount(op, op.(*parser.Take).N)
	if err != nil {
		return nil, err
	}
	if r.limit != "" {
		r = c.wrap(r)
	}
	r.limit = n
	return r, nil
}

// sortKey compiles one sort term. Kusto sorts descending by default, with
// nulls last when descending and first when ascending.
func (c *compiler) sortKey(e *ectx, t *parser.SortTerm) (string, error) {
	x, err := e.expr(t.X)
	if err != nil {
		return "", err
	}
	if x.typ == TDynamic {
		return "", e.errorf(t.X, CodeType, "A value of type dynamic cannot be sorted; convert it with tostring() or todouble()")
	}
	s := unpositional(paren(x))
	if t.Asc {
		s += " ASC"
	} else {
		s += " DESC"
	}
	if t.NullsFirst {
		s += " NULLS FIRST"
	} else {
		s += " NULLS LAST"
	}
	return s, nil
}

// sortable returns r if ORDER BY can be added to it: no computed or renamed
// columns that ORDER BY could confuse with the FROM clause's.
func (c *compiler) sortable(r *relation) *relation {
	if r.open() && !r.computed() {
		return r
	}
	return c.wrap(r)
}

func compileSort(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	r = c.sortable(r)
	e := &ectx{c: c, r: r, op: op.Name()}
	for _, t := range op.(*parser.Sort).Terms {
		k, err := c.sortKey(e, t)
		if err != nil {
			return nil, err
		}
		r.orderBy = append(r.orderBy, k)
	}
	return r, nil
}

func compileTop(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	top := op.(*parser.Top)
	n, err := c.constCount(op, top.N)
	if err != nil {
		return nil, err
	}
	r = c.sortable(r)
	k, err := c.sortKey(&ectx{c: c, r: r, op: op.Name()}, top.By)
	if err != nil {
		return nil, err
	}
	r.orderBy = []string{k}
	r.limit = n
	return r, nil
}

func compileDistinct(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	d := op.(*parser.Distinct)
	if _, star := d.Cols[0].(*parser.Star); star {
		if !r.open() {
			r = c.wrap(r)
		}
		if vis := r.visible(); len(vis) < len(r.cols) {
			// distinct * is over the columns the result shows.
			r.cols, r.star = vis, false
		}
		r.distinct = true
		return r, nil
	}
	r = c.ready(r, d.Cols...)
	cols, err := c.projectList(r, op, d.Cols)
	if err != nil {
		return nil, err
	}
	for i, col := range cols {
		if col.typ == TDynamic {
			return nil, c.opErrorf(op.Name(), d.Cols[i], CodeType, "The value of type 'dynamic' is not allowed in distinct; convert it with tostring()")
		}
	}
	r.cols, r.star, r.distinct = cols, false, true
	return r, nil
}

func compileCount(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	if !r.open() {
		r = c.wrap(r)
	}
	r.cols = []*column{{name: "Count", typ: TLong, sql: "count(*)", ident: "Count"}}
	r.star, r.grouped = false, true
	return r, nil
}
