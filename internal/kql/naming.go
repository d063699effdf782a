package kql

import (
	"strconv"

	"github.com/secexport/secexport/internal/kql/parser"
)

// nameKind says how a function call names the column it produces when the
// query does not name it, mirroring Kusto:
//
//	nameNone        Column1, Column2 ...      tolower(A)
//	nameFirstArg    the first argument's name  tostring(A) → A, bin(T, 1h) → T
//	namePrefixArg   prefix_ + first argument   sum(A) → sum_A, count() → count_
type nameKind int

const (
	nameNone nameKind = iota
	nameFirstArg
	namePrefixArg
)

// resultName returns the name Kusto gives the column computed by x, or ""
// when x earns a generated ColumnN name.
func (c *compiler) resultName(x parser.Expr, r *relation) string {
	switch x := x.(type) {
	case *parser.Paren:
		return c.resultName(x.X, r)
	case *parser.Named:
		return x.Name.Name
	case *parser.Ident:
		return x.Name
	case *parser.Path:
		return c.memberName(x.X, x.Name.Name, r)
	case *parser.Index:
		if lit, ok := x.I.(*parser.Literal); ok && !lit.Null && (lit.Kind == parser.LitString || lit.Kind == parser.LitLong || lit.Kind == parser.LitInt) {
			return c.memberName(x.X, lit.Text, r)
		}
		return ""
	case *parser.Call:
		kind, prefix := nameNone, ""
		if c.letFunction(x.Func.Name) != nil {
			return "" // a let function's value earns a ColumnN name
		}
		if f, ok := functions[x.Func.Name]; ok {
			if f.nameOf != nil {
				return f.nameOf(c, x, r)
			}
			kind, prefix = f.name, f.prefix
		} else if a, ok := aggregates[x.Func.Name]; ok {
			if a.name != nil { // percentile(A, 95) is percentile_A_95
				return a.name(c, x, r)
			}
			kind, prefix = namePrefixArg, a.prefix
			if prefix == "" { // take_any(A) is named A, take_any(A + 1) any_arg0
				if len(x.Args) == 1 && c.resultName(x.Args[0], r) == "" {
					return "any_arg0"
				}
				kind = nameFirstArg
			}
		}
		switch kind {
		case nameFirstArg:
			if len(x.Args) > 0 {
				return c.resultName(x.Args[0], r)
			}
		case namePrefixArg:
			if len(x.Args) > 0 {
				return prefix + "_" + c.resultName(x.Args[0], r)
			}
			return prefix + "_"
		}
	}
	return ""
}

// memberName names base.member: base_member when base has a name.
func (c *compiler) memberName(base parser.Expr, member string, r *relation) string {
	if left := c.resultName(base, r); left != "" {
		return left + "_" + member
	}
	return member
}

// A projection builds an operator's output columns with Kusto's rules for
// names: an explicitly declared name may not be declared twice, a generated
// or derived name that clashes gets a numeric suffix (count_, count_1), and
// extend replaces a column of the same name in place.
type projection struct {
	cols     []*column
	declared map[string]bool
	suffix   map[string]int // name → last suffix used; presence marks the name taken
	nextGen  int            // for Column1, Column2 ...
	scope    *relation      // names already bound, which generated names avoid
}

func newProjection(scope *relation) *projection {
	return &projection{declared: map[string]bool{}, suffix: map[string]int{}, scope: scope}
}

func (p *projection) index(name string) int {
	for i, c := range p.cols {
		if c.name == name {
			return i
		}
	}
	return -1
}

// add appends col, renaming it if its name is taken, or replaces the column
// of the same name when replace is set.
func (p *projection) add(col *column, replace bool) *column {
	if i := p.index(col.name); i >= 0 && replace {
		p.cols[i] = col
		return col
	}
	if last, taken := p.suffix[col.name]; taken {
		for s := last + 1; ; s++ {
			n := col.name + strconv.Itoa(s)
			if _, t := p.suffix[n]; !t {
				p.suffix[col.name] = s
				col.name = n
				break
			}
		}
	}
	p.suffix[col.name] = 0
	p.cols = append(p.cols, col)
	return col
}

// declare adds a column whose name the query wrote (or took from a column
// reference); declaring a name twice is an error, reported by the caller.
func (p *projection) declare(col *column, replace bool) bool {
	if p.declared[col.name] {
		return false
	}
	p.declared[col.name] = true
	p.add(col, replace)
	return true
}

// generated returns the next ColumnN name not already bound.
func (p *projection) generated() string {
	for {
		p.nextGen++
		n := "Column" + strconv.Itoa(p.nextGen)
		if p.index(n) < 0 && (p.scope == nil || p.scope.lookup(n) == nil) {
			return n
		}
	}
}
