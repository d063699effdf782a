package kql

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/kql/parser"
)

// at is a bare span, for errors that point into a node.
type at parser.Span

func (s at) Span() parser.Span { return parser.Span(s) }

type compiler struct {
	src     string
	schema  Schema
	now     time.Time
	strs    []string       // string arguments, by index
	strArgs map[string]int // string argument → its index, so that repeats share one
	ctes    []string
	ncte    int
	lets    map[string]*letValue
	// expansions counts the let function calls expanded so far.
	expansions int
	probe      Probe // nil: nothing may be learned from the data
	// mvMembers holds, for an mv-expand whose column can be a list of
	// structs, the members read of it (see typedMvMembers).
	mvMembers map[*parser.MvExpand][]string
	// subDepth counts the subqueries (mv-apply's) being compiled.
	subDepth int
}

// A letValue is what a let statement bound: a scalar expression, a
// tabular one already written as a CTE, or a function.
type letValue struct {
	scalar *sqlExpr
	table  *relation
	fn     *letFunc
}

func (c *compiler) errorf(n parser.Node, code, format string, args ...any) *Error {
	return newError(c.src, n.Span().Start, code, fmt.Sprintf(format, args...))
}

// opErrorf prefixes the message with the operator, as Log Analytics does:
// "'where' operator: Failed to resolve ...".
func (c *compiler) opErrorf(op string, n parser.Node, code, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	if op != "" {
		msg = fmt.Sprintf("'%s' operator: %s", op, msg)
	}
	return newError(c.src, n.Span().Start, code, msg)
}

// arg binds a string and returns a placeholder for it. Placeholders become
// $1, $2 ... in order of appearance when the query is finished, so that a
// string the SQL ends up not using binds no argument.
func (c *compiler) arg(s string) string {
	i, ok := c.strArgs[s]
	if !ok {
		i = len(c.strs)
		c.strs = append(c.strs, s)
		c.strArgs[s] = i
	}
	return argMark + strconv.Itoa(i) + argEnd
}

const argMark, argEnd = "\x01", "\x02"

// bindArgs replaces the placeholders of arg with $n.
func (c *compiler) bindArgs(sql string) (string, []any) {
	var b strings.Builder
	var args []any
	num := map[int]int{}
	for {
		i := strings.Index(sql, argMark)
		if i < 0 {
			b.WriteString(sql)
			return b.String(), args
		}
		j := strings.Index(sql[i:], argEnd) + i
		idx, _ := strconv.Atoi(sql[i+1 : j])
		n, ok := num[idx]
		if !ok {
			args = append(args, c.strs[idx])
			n = len(args)
			num[idx] = n
		}
		b.WriteString(sql[:i])
		b.WriteString("$" + strconv.Itoa(n))
		sql = sql[j+1:]
	}
}

// cteName returns a fresh name for a CTE, avoiding the schema's table names.
func (c *compiler) cteName() string {
	for {
		c.ncte++
		name := "_q" + strconv.Itoa(c.ncte)
		if c.schema == nil {
			return name
		}
		if _, clash := c.schema.Table(name); !clash {
			return name
		}
	}
}

// wrap writes r as a CTE and returns a fresh relation that reads it.
func (c *compiler) wrap(r *relation) *relation {
	var w *relation
	if r.star && r.nstar == len(r.cols) && r.open() && len(r.where) == 0 {
		w = over(r.from, r.cols) // r reads a table or CTE as it is
	} else {
		name := c.cteName()
		c.ctes = append(c.ctes, quoteIdent(name)+" AS ("+r.sql()+")")
		w = over(quoteIdent(name), r.cols)
	}
	w.serial = r.serial
	return w
}

func (c *compiler) query(q *parser.Query) (*Query, error) {
	var last *relation
	var lastStmt parser.Node
	declared := map[string]bool{}
	for _, st := range q.Stmts {
		switch st := st.(type) {
		case *parser.Let:
			if err := c.redeclared(declared, st); err != nil {
				return nil, err
			}
			if err := c.let(st); err != nil {
				return nil, err
			}
		case *parser.ExprStmt:
			if last != nil {
				return nil, c.errorf(st, CodeNotSupported, "A query with several result tables is not supported yet")
			}
			if _, isName := st.X.(*parser.Ident); !isName && !c.isTabular(st.X) {
				return nil, c.errorf(st.X, CodeNotSupported, "A query must be a tabular expression (a table and operators); scalar queries are not supported yet (print returns a scalar as a row)")
			}
			r, err := c.tabular(st.X)
			if err != nil {
				return nil, err
			}
			last, lastStmt = r, st
		}
	}
	if last == nil {
		return c.finish(last), nil
	}
	if len(last.visible()) == 0 {
		return nil, c.errorf(lastStmt, CodeNotSupported, "A result with only hidden columns (_ResourceId, _SubscriptionId, _IsBillable, _BilledSize) is not supported; name them with project")
	}
	return c.finish(last), nil
}

func (c *compiler) let(st *parser.Let) error {
	switch x := st.X.(type) {
	case *parser.FuncDecl:
		return c.declareFunc(st.Name, x)
	case *parser.Call:
		if c.isMaterialize(x) {
			r, err := c.materialize(x)
			if err != nil {
				return err
			}
			c.lets[st.Name.Name] = &letValue{table: r}
			return nil
		}
	}
	if c.isTabular(st.X) {
		r, err := c.tabular(st.X)
		if err != nil {
			return err
		}
		c.lets[st.Name.Name] = &letValue{table: c.wrap(r)}
		return nil
	}
	x, err := (&ectx{c: c}).expr(st.X)
	if err != nil {
		return err
	}
	c.lets[st.Name.Name] = &letValue{scalar: x}
	return nil
}

// isTabular reports whether x denotes rows rather than a scalar value.
func (c *compiler) isTabular(x parser.Expr) bool {
	switch x := x.(type) {
	case *parser.Pipe, *parser.DataTable, *parser.Print, *parser.Range:
		return true
	case *parser.Paren:
		return c.isTabular(x.X)
	case *parser.Ident:
		if v, ok := c.lets[x.Name]; ok {
			return v.table != nil || v.fn != nil && v.fn.tabular
		}
		if c.schema != nil {
			_, ok := c.schema.Table(x.Name)
			return ok
		}
	case *parser.Call:
		if fn := c.letFunction(x.Func.Name); fn != nil {
			return fn.tabular
		}
		return x.Func.Name == "materialize" || x.Func.Name == "table"
	}
	return false
}

// tabular compiles a tabular expression into a relation.
func (c *compiler) tabular(x parser.Expr) (*relation, error) {
	switch x := x.(type) {
	case *parser.Paren:
		return c.tabular(x.X)
	case *parser.Ident:
		return c.source(x)
	case *parser.Print:
		return c.compilePrint(x)
	case *parser.Range:
		return c.compileRange(x)
	case *parser.DataTable:
		r, err := c.compileDataTable(x)
		if err == nil {
			r.serial = serialUnknown
		}
		return r, err
	case *parser.Pipe:
		var r *relation
		if x.Source != nil {
			var err error
			if r, err = c.tabular(x.Source); err != nil {
				return nil, err
			}
		}
		for i, op := range x.Ops {
			if mv, ok := op.(*parser.MvExpand); ok {
				if m := typedMvMembers(mv, x.Ops[i+1:]); m != nil {
					if c.mvMembers == nil {
						c.mvMembers = map[*parser.MvExpand][]string{}
					}
					c.mvMembers[mv] = m
				}
			}
			compile, ok := operators[op.Name()]
			if !ok {
				return nil, c.errorf(op, CodeNotSupported, "the '%s' operator is not supported yet", op.Name())
			}
			var err error
			if r, err = c.applyOp(compile, r, op); err != nil {
				return nil, err
			}
		}
		return r, nil
	case *parser.Call:
		if fn := c.letFunction(x.Func.Name); fn != nil {
			return c.callTabular(fn, x, x.Args)
		}
		if c.isMaterialize(x) {
			return nil, c.errorf(x, CodeNotSupported, "materialize() is supported only as the value of a let statement (let T = materialize(...))")
		}
		if x.Func.Name == "materialize" || x.Func.Name == "table" {
			return nil, c.errorf(x, CodeNotSupported, "the '%s' function is not supported yet", x.Func.Name)
		}
		_, scalar := functions[x.Func.Name]
		_, agg := aggregates[x.Func.Name]
		if !scalar && !agg && !unsupportedFunctions[x.Func.Name] {
			// _GetWatchlist('x') outside Sentinel, a function of another workspace.
			return nil, c.errorf(x.Func, CodeUnknownFunction, "Unknown function: '%s'", x.Func.Name)
		}
	}
	return nil, c.errorf(x, CodeType, "A tabular expression (a table name or a query in parentheses) is expected here")
}

// source resolves a table name or a tabular let.
func (c *compiler) source(id *parser.Ident) (*relation, error) {
	if v, ok := c.lets[id.Name]; ok {
		if v.fn != nil {
			return c.callTabular(v.fn, id, nil)
		}
		if v.table == nil {
			return nil, c.errorf(id, CodeType, "'%s' is a scalar value, not a table", id.Name)
		}
		return v.table.clone(), nil
	}
	if c.schema != nil {
		if t, ok := c.schema.Table(id.Name); ok {
			cols := make([]*column, len(t.Columns))
			for i, col := range t.Columns {
				typ, ok := typeAliases[strings.ToLower(col.Type)]
				if !ok {
					typ = TString
				}
				cols[i] = &column{name: col.Name, typ: typ, ident: col.Name, hidden: col.Hidden}
			}
			return over(quoteIdent(t.Name), cols), nil
		}
	}
	return nil, c.errorf(id, CodeUnresolved, "Failed to resolve table or column expression named '%s'", id.Name)
}

// finish writes the final SELECT: result columns named exactly as in KQL,
// dynamic values as JSON text, and no hidden columns.
func (c *compiler) finish(r *relation) *Query {
	needs, hidden := false, false
	for _, col := range r.cols {
		if col.hidden {
			hidden = true
		} else if col.ident != col.name || col.typ == TDynamic {
			needs = true
		}
	}
	if needs {
		if !r.open() {
			r = c.wrap(r)
		}
		r.star = false
	}
	if hidden {
		// Leaving columns out of the SELECT list is safe even when the
		// relation is not open: ORDER BY and WHERE name the FROM clause's
		// columns, and DISTINCT never runs over hidden columns (distinct *
		// drops them first).
		r.cols, r.star = r.visible(), false
	}
	if needs {
		for _, col := range r.cols {
			if col.typ == TDynamic {
				col.sql = "CAST(" + col.sql + " AS VARCHAR)"
				col.plain = false
			}
			col.ident = col.name
		}
	}
	var b strings.Builder
	if len(c.ctes) > 0 {
		b.WriteString("WITH ")
		b.WriteString(strings.Join(c.ctes, ",\n"))
		b.WriteString("\n")
	}
	b.WriteString(r.sql())
	q := &Query{}
	q.SQL, q.Args = c.bindArgs(b.String())
	for _, col := range r.cols {
		q.Columns = append(q.Columns, Column{Name: col.name, Type: string(col.typ)})
	}
	return q
}
