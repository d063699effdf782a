package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// Window functions: prev(), next() and row_number() over a serialized row
// set (serial.go). SQL cannot use a window function in WHERE, nor nest one
// in another, so before an operator that calls them (where, extend,
// project, serialize) runs, prepareWindows numbers the input rows in their
// order (the ordinal) and computes every call as a column of its own, in as
// many stages as the calls nest; the operator then reads each call's column,
// and its output is ordered by the ordinal again.

func init() {
	for _, name := range []string{"prev", "next", "row_number"} {
		functions[name] = &function{compile: compileWindowRef}
	}
	// Kusto's other window functions: how they treat nulls is not documented.
	for _, name := range []string{"row_cumsum", "row_rank_dense", "row_rank_min", "row_window_session"} {
		functions[name] = &function{compile: func(e *ectx, x *parser.Call) (*sqlExpr, error) {
			return nil, e.errorf(x, CodeNotSupported, "the function '%s' is not supported yet", x.Func.Name)
		}}
	}
}

// windowFuncs are the functions prepareWindows computes.
var windowFuncs = map[string]bool{"prev": true, "next": true, "row_number": true}

// windowExprs returns the expressions of an operator that may call window
// functions: where, extend, project and serialize; nil for any other.
func windowExprs(op parser.Operator) []parser.Expr {
	switch op := op.(type) {
	case *parser.Where:
		return []parser.Expr{op.Pred}
	case *parser.Extend:
		return op.Cols
	case *parser.Project:
		return op.Cols
	case *parser.Serialize:
		return op.Cols
	}
	return nil
}

// windowCalls returns the window function calls in xs, inner calls before
// the calls whose arguments hold them.
func windowCalls(xs []parser.Expr) []*parser.Call {
	var calls []*parser.Call
	for _, x := range xs {
		parser.Walk(x, func(x parser.Expr) {
			if call, ok := x.(*parser.Call); ok && windowFuncs[call.Func.Name] {
				calls = append(calls, call)
			}
		})
	}
	return calls
}

// windowScope is the relation an operator with window functions runs over.
type windowScope struct {
	from    string
	ordinal string // SQL of the row's position in the serialized order, from 1
}

// A windowCol is one window function call computed as a column: the column
// operators read, and the stage that computes it (0: an expression over the
// ordinal, which needs no stage of its own).
type windowCol struct {
	col   *column
	stage int
}

// prepareWindows returns the relation op runs over: in itself when op calls
// no window function, or else a relation over CTEs that compute every call.
func (c *compiler) prepareWindows(in *relation, op parser.Operator) (*relation, *windowScope, error) {
	calls := windowCalls(windowExprs(op))
	if in == nil || len(calls) == 0 {
		return in, nil, nil
	}
	if _, ser := op.(*parser.Serialize); !ser {
		if err := c.checkSerialized(in, calls[0]); err != nil {
			return nil, nil, err
		}
	}
	w := c.wrap(in)
	taken := append([]*column(nil), w.cols...)
	newIdent := func(name string) string {
		col := &column{ident: uniqueIdent(name, taken)}
		taken = append(taken, col)
		return col.ident
	}
	ord := newIdent("_serial")
	name := c.cteName()
	c.ctes = append(c.ctes, quoteIdent(name)+" AS (SELECT *, row_number() OVER () AS "+quoteIdent(ord)+" FROM "+w.from+")")
	scope := over(quoteIdent(name), w.cols)
	scope.star, scope.serial = false, w.serial
	scope.windows = map[*parser.Call]*column{}
	ws := &windowScope{ordinal: quoteIdent(ord)}

	// Each call is computed in the stage after the calls its arguments use.
	stageOf := map[*parser.Call]int{}
	var stages [][]string // stages[i]: "sql AS ident" items of stage i+1
	add := func(stage int, sql, ident string) {
		for len(stages) < stage {
			stages = append(stages, nil)
		}
		stages[stage-1] = append(stages[stage-1], sql+" AS "+quoteIdent(ident))
	}
	e := &ectx{c: c, r: scope, op: op.Name()}
	for _, call := range calls {
		after := 0
		for _, inner := range windowCalls(call.Args) {
			after = max(after, stageOf[inner])
		}
		var wc *windowCol
		var err error
		if call.Func.Name == "row_number" {
			wc, err = e.rowNumber(call, ws.ordinal, after, newIdent, add)
		} else {
			wc, err = e.prevNext(call, ws.ordinal, after, newIdent, add)
		}
		if err != nil {
			return nil, nil, err
		}
		stageOf[call] = wc.stage
		scope.windows[call] = wc.col
	}
	for _, items := range stages {
		name := c.cteName()
		c.ctes = append(c.ctes, quoteIdent(name)+" AS (SELECT *, "+strings.Join(items, ", ")+" FROM "+scope.from+")")
		scope.from = quoteIdent(name)
	}
	ws.from = scope.from
	return scope, ws, nil
}

// checkSerialized refuses a window function over rows without a defined
// order, with the error Kusto gives.
func (c *compiler) checkSerialized(r *relation, call *parser.Call) error {
	switch r.serial {
	case unserialized:
		return c.errorf(call, CodeArgument, "Function '%s' cannot be invoked in current context. Details: the row set must be serialized", call.Func.Name)
	case serialUnknown:
		return c.errorf(call, CodeNotSupported, "%s() over rows whose order secexport does not know (after union, datatable or %s) is not supported yet; add serialize or order by first", call.Func.Name, "a similar source")
	}
	return nil
}

// prevNext compiles prev(Column [, Offset [, Default]]) and next(...).
func (e *ectx) prevNext(call *parser.Call, ord string, after int, newIdent func(string) string, add func(int, string, string)) (*windowCol, error) {
	name := call.Func.Name
	if len(call.Args) < 1 || len(call.Args) > 3 {
		return nil, e.errorf(call, CodeArgument, "The function '%s' expects 1 to 3 argument(s), but got %d", name, len(call.Args))
	}
	id, ok := call.Args[0].(*parser.Ident)
	if !ok {
		return nil, e.errorf(call.Args[0], CodeArgument, "Column name expected")
	}
	x, err := e.expr(id)
	if err != nil {
		return nil, err
	}
	if x.col == nil {
		return nil, e.errorf(id, CodeArgument, "Column name expected")
	}
	offset := int64(1)
	if len(call.Args) >= 2 {
		o, err := e.expr(call.Args[1])
		if err != nil {
			return nil, err
		}
		switch {
		case !o.typ.isInteger() && o.typ != TDynamic:
			return nil, e.errorf(call.Args[1], CodeType, "A value of type long expected")
		case o.konst == nil || o.konst.null || o.konst.i < 1:
			return nil, e.errorf(call.Args[1], CodeNotSupported, "%s() with an offset that is not a constant of at least 1 is not supported yet", name)
		}
		offset = o.konst.i
	}
	def := ""
	if len(call.Args) == 3 {
		d, err := e.expr(call.Args[2])
		if err != nil {
			return nil, err
		}
		if d.konst == nil {
			return nil, e.errorf(call.Args[2], CodeArgument, "The expression must be a constant")
		}
		switch {
		case d.konst.null || d.typ == x.typ:
		case d.typ.isInteger() && (x.typ.isInteger() || x.typ == TReal):
		default:
			return nil, e.errorf(call.Args[2], CodeNotSupported, "%s() with a default of type %s for a column of type %s is not supported yet", name, d.typ, x.typ)
		}
		def = "CAST(" + d.sql + " AS " + duckTypes[x.typ] + ")"
	}
	fn := map[string]string{"prev": "lag", "next": "lead"}[name]
	sql := fn + "(" + x.sql + ", " + strconv.FormatInt(offset, 10)
	if def != "" {
		sql += ", " + def
	}
	sql += ") OVER (ORDER BY " + ord + ")"
	if x.typ == TString && def == "" {
		sql = "coalesce(" + sql + ", '')" // Kusto's null string is ""
	}
	ident := newIdent("_" + name)
	add(after+1, sql, ident)
	return &windowCol{col: &column{name: ident, typ: x.typ, sql: quoteIdent(ident), ident: ident, plain: true}, stage: after + 1}, nil
}

// rowNumber compiles row_number([Start [, Restart]]): the ordinal itself
// when the numbering never restarts; otherwise the ordinal within runs of
// rows that begin where Restart is true.
func (e *ectx) rowNumber(call *parser.Call, ord string, after int, newIdent func(string) string, add func(int, string, string)) (*windowCol, error) {
	if len(call.Args) > 2 {
		return nil, e.errorf(call, CodeArgument, "The function 'row_number' expects 0 to 2 argument(s), but got %d", len(call.Args))
	}
	start := int64(1)
	if len(call.Args) >= 1 {
		s, err := e.expr(call.Args[0])
		if err != nil {
			return nil, err
		}
		switch {
		case !s.typ.isInteger():
			return nil, e.errorf(call.Args[0], CodeType, "A value of type long expected")
		case s.konst == nil || s.konst.null:
			return nil, e.errorf(call.Args[0], CodeNotSupported, "row_number() with a starting index that is not a constant is not supported yet")
		}
		start = s.konst.i
	}
	plus := func(sql string) string {
		switch d := start - 1; {
		case d > 0:
			return "(" + sql + " + " + strconv.FormatInt(d, 10) + ")"
		case d < 0:
			return "(" + sql + " - " + strconv.FormatInt(-d, 10) + ")"
		}
		return sql
	}
	if len(call.Args) < 2 {
		return &windowCol{col: &column{name: "row_number", typ: TLong, sql: "CAST(" + plus(ord) + " AS BIGINT)"}}, nil
	}
	rs, err := e.expr(call.Args[1])
	if err != nil {
		return nil, err
	}
	cond, ok := e.asBool(rs, precOr)
	if !ok {
		return nil, e.errorf(call.Args[1], CodeType, "A value of type bool expected")
	}
	// Stage 1 numbers the runs (a row whose Restart is true begins one),
	// stage 2 numbers the rows within each run.
	run := newIdent("_run")
	add(after+1, "sum(CASE WHEN "+cond+" THEN 1 ELSE 0 END) OVER (ORDER BY "+ord+" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)", run)
	ident := newIdent("_row_number")
	add(after+2, "CAST("+plus("row_number() OVER (PARTITION BY "+quoteIdent(run)+" ORDER BY "+ord+")")+" AS BIGINT)", ident)
	return &windowCol{col: &column{name: ident, typ: TLong, sql: quoteIdent(ident), ident: ident, plain: true}, stage: after + 2}, nil
}

// compileWindowRef compiles a window function call inside the operator
// that prepareWindows prepared: a reference to the call's column.
func compileWindowRef(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if e.r != nil {
		if col, ok := e.r.windows[x]; ok {
			return &sqlExpr{sql: col.sql, typ: col.typ, atomic: atomicSQL(col.sql)}, nil
		}
		if err := e.c.checkSerialized(e.r, x); err != nil {
			return nil, err
		}
	}
	return nil, e.errorf(x, CodeNotSupported, "%s() is supported only in where, extend, project and serialize", x.Func.Name)
}
