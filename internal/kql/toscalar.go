package kql

import "github.com/secexport/secexport/internal/kql/parser"

func init() {
	functions["toscalar"] = &function{compile: compileToscalar}
}

// isMaterialize reports whether x calls the built-in materialize().
func (c *compiler) isMaterialize(x *parser.Call) bool {
	return x.Func.Name == "materialize" && c.letFunction("materialize") == nil
}

// materialize compiles materialize(T), the value of a let statement: T
// computed once and reused. A CTE is just that to DuckDB, so materialize
// changes nothing in the answer.
func (c *compiler) materialize(x *parser.Call) (*relation, error) {
	if len(x.Args) != 1 {
		return nil, c.errorf(x, CodeArgument, "The function 'materialize' expects 1 argument, but got %d", len(x.Args))
	}
	if !c.isTabular(x.Args[0]) {
		return nil, c.errorf(x.Args[0], CodeType, "The argument of 'materialize' must be a tabular expression")
	}
	r, err := c.tabular(x.Args[0])
	if err != nil {
		return nil, err
	}
	return c.wrap(r), nil
}

// compileToscalar is toscalar(T): the value of the first column of T's
// first row, null when T has no rows. T is evaluated once, as an
// uncorrelated scalar subquery over a CTE of at most one row. A scalar
// argument is its own value.
func compileToscalar(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 1, 1); err != nil {
		return nil, err
	}
	arg := x.Args[0]
	if !e.c.isTabular(arg) {
		return (&ectx{c: e.c, op: e.op}).expr(arg)
	}
	r, err := e.c.tabular(arg)
	if err != nil {
		return nil, err
	}
	var first *column
	for _, col := range r.cols {
		if !col.hidden {
			first = col
			break
		}
	}
	if first == nil {
		return nil, e.errorf(arg, CodeType, "The tabular expression of 'toscalar' has no columns")
	}
	if r.limit == "" {
		r.limit = "1"
	}
	sub := e.c.wrap(r)
	v := "(SELECT " + sub.lookup(first.name).sql + " FROM " + sub.from + " LIMIT 1)"
	if first.typ == TString {
		v = "coalesce(" + v + ", '')" // no row: Kusto's strings are never null
	}
	return &sqlExpr{sql: v, typ: first.typ, atomic: true}, nil
}
