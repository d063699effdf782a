package kql

import (
	"maps"
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// A letFunc is a function that a let statement declared:
//
//	let isRisky = (sev: string) { sev in ("High", "Medium") };
//	let alertsFor = (T: (*), days: timespan) { T | where TimeGenerated > ago(days) };
//
// A call expands it inline: the body is compiled at each call with its
// parameters bound to the call's arguments, in the scope of the names the
// declaration saw (so a function cannot call itself, as in Kusto). The body
// sees no columns of the caller's row: scalar arguments are compiled where
// the call is and reach the body as values.
type letFunc struct {
	name    string
	decl    *parser.FuncDecl
	scope   map[string]*letValue // the lets declared before the function
	params  []funcParam
	tabular bool // the body is a tabular expression
}

// funcParam is a parameter with its type resolved.
type funcParam struct {
	*parser.FuncParam
	typ  Type     // scalar parameters
	cols []Column // tabular parameters: the columns the argument must have
}

// maxExpansions bounds the inline expansions of one query, so that
// functions calling functions several times each cannot grow the SQL
// exponentially.
const maxExpansions = 1000

// declareFunc binds a let function. Its body is checked at once, as Kusto
// checks it, with each parameter a value of its declared type.
func (c *compiler) declareFunc(name *parser.Ident, d *parser.FuncDecl) error {
	fn := &letFunc{name: name.Name, decl: d, scope: maps.Clone(c.lets)}
	seen := map[string]bool{}
	for _, p := range d.Params {
		if seen[p.Name.Name] {
			return c.errorf(p.Name, CodeDuplicate, "The parameter '%s' is declared twice", p.Name.Name)
		}
		seen[p.Name.Name] = true
		fp := funcParam{FuncParam: p}
		if p.Tabular {
			for _, col := range p.Columns {
				t, ok := typeAliases[strings.ToLower(col.Type)]
				if !ok {
					return c.errorf(at(col.TypeSpan), CodeType, "Unknown type '%s'", col.Type)
				}
				fp.cols = append(fp.cols, Column{Name: col.Name.Name, Type: string(t)})
			}
		} else {
			t, ok := typeAliases[strings.ToLower(p.Type)]
			if !ok {
				return c.errorf(at(p.TypeSpan), CodeType, "Unknown type '%s'", p.Type)
			}
			fp.typ = t
		}
		fn.params = append(fn.params, fp)
	}
	fn.tabular = c.bodyTabular(fn)
	if err := c.checkFunc(fn); err != nil {
		return err
	}
	c.lets[name.Name] = &letValue{fn: fn}
	return nil
}

// placeholders binds each parameter to a stand-in of its declared type: a
// typed null for a scalar, an empty table of the declared columns for a
// table.
func placeholders(fn *letFunc, scope map[string]*letValue) {
	for _, p := range fn.params {
		if p.Tabular {
			var cols []*column
			for _, col := range p.cols {
				cols = append(cols, &column{name: col.Name, typ: Type(col.Type), ident: col.Name})
			}
			scope[p.Name.Name] = &letValue{table: over(quoteIdent(p.Name.Name), cols)}
			continue
		}
		scope[p.Name.Name] = &letValue{scalar: &sqlExpr{sql: "CAST(NULL AS " + duckTypes[p.typ] + ")", typ: p.typ, atomic: true}}
	}
}

// bodyTabular reports whether fn's body is a tabular expression, from the
// shape of the body and the names it uses.
func (c *compiler) bodyTabular(fn *letFunc) bool {
	saved := c.lets
	defer func() { c.lets = saved }()
	c.lets = maps.Clone(fn.scope)
	placeholders(fn, c.lets)
	empty := &letValue{table: over("", nil)}
	for _, st := range fn.decl.Body[:len(fn.decl.Body)-1] {
		let := st.(*parser.Let)
		switch x := let.X.(type) {
		case *parser.FuncDecl:
			inner := &letFunc{name: let.Name.Name, decl: x, scope: maps.Clone(c.lets)}
			for _, p := range x.Params {
				inner.params = append(inner.params, funcParam{FuncParam: p, typ: typeAliases[strings.ToLower(p.Type)]})
			}
			inner.tabular = c.bodyTabular(inner)
			c.lets[let.Name.Name] = &letValue{fn: inner}
		default:
			if c.isTabular(x) {
				c.lets[let.Name.Name] = empty
			} else {
				c.lets[let.Name.Name] = &letValue{scalar: &sqlExpr{sql: "NULL", typ: TDynamic, atomic: true}}
			}
		}
	}
	return c.isTabular(fn.decl.Value())
}

// checkFunc compiles fn's body once with placeholder arguments and throws
// the SQL away. Errors that may depend on the arguments' values (a regular
// expression that must be constant, a construct not supported yet with
// some arguments) are left for the calls to report.
func (c *compiler) checkFunc(fn *letFunc) error {
	ctes, ncte, strs, strArgs, lets := c.ctes, c.ncte, c.strs, maps.Clone(c.strArgs), c.lets
	defer func() {
		c.ctes, c.ncte, c.strs, c.strArgs, c.lets = ctes, ncte, strs, strArgs, lets
	}()
	c.ctes = append([]string(nil), ctes...)
	c.lets = maps.Clone(fn.scope)
	placeholders(fn, c.lets)
	_, _, err := c.body(fn, &ectx{c: c})
	if ce, ok := err.(*Error); ok && (ce.Code == CodeNotSupported || ce.Code == CodeArgument) {
		return nil
	}
	return err
}

// body compiles fn's body in the scope c.lets, which binds the parameters:
// the let statements, then the value, a relation or a scalar.
func (c *compiler) body(fn *letFunc, e *ectx) (*relation, *sqlExpr, error) {
	c.expansions++
	if c.expansions > maxExpansions {
		return nil, nil, c.errorf(fn.decl, CodeNotSupported, "The query calls its functions too many times to expand them (more than %d calls)", maxExpansions)
	}
	declared := map[string]bool{}
	for _, st := range fn.decl.Body[:len(fn.decl.Body)-1] {
		if err := c.redeclared(declared, st.(*parser.Let)); err != nil {
			return nil, nil, err
		}
		if err := c.let(st.(*parser.Let)); err != nil {
			return nil, nil, err
		}
	}
	v := fn.decl.Value()
	if fn.tabular {
		r, err := c.tabular(v)
		return r, nil, err
	}
	inner := &ectx{c: c, op: e.op, aggOK: e.aggOK, inAgg: e.inAgg}
	x, err := inner.expr(v)
	return nil, x, err
}

// funcArgs matches a call's arguments with fn's parameters: positional
// ones first, then Name = value. An entry is nil where the parameter takes
// its default.
func (c *compiler) funcArgs(fn *letFunc, call parser.Node, args []parser.Expr, skip int) ([]parser.Expr, error) {
	bound := make([]parser.Expr, len(fn.params))
	named := false
	for i, a := range args {
		i += skip
		if pipe, ok := a.(*parser.Pipe); ok && len(pipe.Ops) > 0 {
			// Kusto parses a user function's arguments as scalars: a
			// tabular argument with operators needs parentheses.
			return nil, c.errorf(pipe.Ops[0], CodeSyntax, "A tabular argument of '%s' must be in parentheses: %s((T | ...))", fn.name, fn.name)
		}
		if n, ok := a.(*parser.Named); ok {
			named = true
			j := fn.param(n.Name.Name)
			if j < 0 {
				return nil, c.errorf(n.Name, CodeArgument, "The argument name '%s' does not refer to a parameter of '%s'", n.Name.Name, fn.name)
			}
			if bound[j] != nil {
				return nil, c.errorf(n.Name, CodeArgument, "The parameter '%s' of '%s' is given twice", n.Name.Name, fn.name)
			}
			bound[j] = n.X
			continue
		}
		if named || i >= len(fn.params) {
			return nil, c.errorf(call, CodeArgument, "The function '%s' expects %s", fn.name, fn.arity())
		}
		bound[i] = a
	}
	for i, p := range fn.params {
		if bound[i] == nil && p.Default == nil && i >= skip {
			return nil, c.errorf(call, CodeArgument, "The function '%s' expects %s", fn.name, fn.arity())
		}
	}
	return bound, nil
}

func (fn *letFunc) param(name string) int {
	for i, p := range fn.params {
		if p.Name.Name == name {
			return i
		}
	}
	return -1
}

// arity says how many arguments fn takes: "2 argument(s)", "1 to 3 argument(s)".
func (fn *letFunc) arity() string {
	lo := 0
	for _, p := range fn.params {
		if p.Default == nil {
			lo++
		}
	}
	if lo == len(fn.params) {
		return strconv.Itoa(lo) + " argument(s)"
	}
	return strconv.Itoa(lo) + " to " + strconv.Itoa(len(fn.params)) + " argument(s)"
}

// expand binds fn's parameters to a call's arguments, compiled in the
// caller's context e, and compiles the body. input, when not nil, is the
// first argument (the rows invoke passes).
func (c *compiler) expand(fn *letFunc, call parser.Node, args []parser.Expr, e *ectx, input *relation) (*relation, *sqlExpr, error) {
	skip := 0
	if input != nil {
		skip = 1
	}
	bound, err := c.funcArgs(fn, call, args, skip)
	if err != nil {
		return nil, nil, err
	}
	scope := maps.Clone(fn.scope)
	for i, p := range fn.params {
		arg := bound[i]
		if i == 0 && input != nil {
			if !p.Tabular {
				return nil, nil, c.errorf(call, CodeType, "The first parameter of '%s' must be a table for invoke", fn.name)
			}
			if err := c.hasColumns(fn, p, input, call); err != nil {
				return nil, nil, err
			}
			scope[p.Name.Name] = &letValue{table: c.wrap(input)}
			continue
		}
		if p.Tabular {
			r, err := c.tabularArg(fn, p, arg)
			if err != nil {
				return nil, nil, err
			}
			scope[p.Name.Name] = &letValue{table: r}
			continue
		}
		var v *sqlExpr
		if arg == nil { // the default, in the declaration's scope
			saved := c.lets
			c.lets = fn.scope
			v, err = (&ectx{c: c}).expr(p.Default)
			c.lets = saved
			arg = p.Default
		} else {
			v, err = e.expr(arg)
		}
		if err != nil {
			return nil, nil, err
		}
		if v, err = c.paramValue(fn, p, arg, v); err != nil {
			return nil, nil, err
		}
		scope[p.Name.Name] = &letValue{scalar: v}
	}
	saved := c.lets
	defer func() { c.lets = saved }()
	c.lets = scope
	return c.body(fn, e)
}

// tabularArg compiles the argument of a table parameter and checks that it
// has the columns the parameter requires.
func (c *compiler) tabularArg(fn *letFunc, p funcParam, arg parser.Expr) (*relation, error) {
	if !c.isTabular(arg) {
		return nil, c.errorf(arg, CodeType, "The parameter '%s' of '%s' takes a table", p.Name.Name, fn.name)
	}
	r, err := c.tabular(arg)
	if err != nil {
		return nil, err
	}
	if err := c.hasColumns(fn, p, r, arg); err != nil {
		return nil, err
	}
	return c.wrap(r), nil
}

// hasColumns checks that the table r passed for p has the columns p requires.
func (c *compiler) hasColumns(fn *letFunc, p funcParam, r *relation, at parser.Node) error {
	for _, want := range p.cols {
		col := r.lookup(want.Name)
		if col == nil || string(col.typ) != want.Type {
			return c.errorf(at, CodeType, "The table passed to '%s' does not have the required column %s: %s", fn.name, want.Name, want.Type)
		}
	}
	return nil
}

// compileInvoke is T | invoke f(args): f(T, args) for a let function f
// whose first parameter is a table.
func compileInvoke(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	call := op.(*parser.Invoke).Call
	fn := c.letFunction(call.Func.Name)
	if fn == nil {
		if _, ok := functions[call.Func.Name]; ok {
			return nil, c.errorf(call, CodeType, "'%s' is not a tabular function that invoke can call", call.Func.Name)
		}
		return nil, c.errorf(call, CodeUnresolved, "Failed to resolve function named '%s'", call.Func.Name)
	}
	if !fn.tabular {
		return nil, c.errorf(call, CodeType, "'%s' is a scalar function, not a table", fn.name)
	}
	if len(fn.params) == 0 {
		return nil, c.errorf(call, CodeArgument, "The function '%s' takes no table for invoke to pass", fn.name)
	}
	out, _, err := c.expand(fn, call, call.Args, &ectx{c: c}, r)
	return out, err
}

// paramValue converts a scalar argument to its parameter's type. Only the
// conversions that cannot change a value are made (int to long, int and
// long to real); any other mismatch is refused, because the Kusto engine's
// conversions of arguments are not documented.
func (c *compiler) paramValue(fn *letFunc, p funcParam, arg parser.Expr, v *sqlExpr) (*sqlExpr, error) {
	switch {
	case v.typ == p.typ:
		return v, nil
	case p.typ == TLong && v.typ == TInt || p.typ == TReal && v.typ.isInteger():
		out := &sqlExpr{sql: "CAST(" + v.sql + " AS " + duckTypes[p.typ] + ")", typ: p.typ, atomic: true, agg: v.agg}
		if k := v.konst; k != nil {
			out.konst = &constant{null: k.null, i: k.i, f: float64(k.i), lkind: parser.LitLong}
			if p.typ == TReal {
				out.konst.lkind = parser.LitReal
			}
		}
		return out, nil
	}
	return nil, c.errorf(arg, CodeNotSupported, "Passing a value of type %s to the parameter '%s' (%s) of '%s' is not supported; convert it first", v.typ, p.Name.Name, p.typ, fn.name)
}

// letFunction returns the let function a name is bound to, if any.
func (c *compiler) letFunction(name string) *letFunc {
	if v, ok := c.lets[name]; ok {
		return v.fn
	}
	return nil
}

// callLet compiles a call of a scalar let function; call is a *parser.Call
// or, for a function of no arguments, a bare name.
func (e *ectx) callLet(fn *letFunc, call parser.Node, args []parser.Expr) (*sqlExpr, error) {
	if fn.tabular {
		return nil, e.errorf(call, CodeType, "'%s' is a tabular function; its value cannot be used as a scalar", fn.name)
	}
	_, x, err := e.c.expand(fn, call, args, e, nil)
	return x, err
}

// callTabular compiles a call of a tabular let function.
func (c *compiler) callTabular(fn *letFunc, call parser.Node, args []parser.Expr) (*relation, error) {
	if !fn.tabular {
		return nil, c.errorf(call, CodeType, "'%s' is a scalar function, not a table", fn.name)
	}
	r, _, err := c.expand(fn, call, args, &ectx{c: c}, nil)
	return r, err
}

// redeclared reports a let statement that declares a name its block (the
// query, or a function body) already declared, which Kusto rejects.
func (c *compiler) redeclared(declared map[string]bool, st *parser.Let) error {
	if declared[st.Name.Name] {
		return c.errorf(st.Name, CodeDuplicate, "A variable with the name '%s' has already been declared", st.Name.Name)
	}
	declared[st.Name.Name] = true
	return nil
}
