package kql

import (
	"path"
	"strconv"

	"github.com/secexport/secexport/internal/kql/parser"
)

// A TableLister is a Schema that can list its tables. A table name wildcard
// in union (union Secure*) expands to the matching tables in the order
// TableNames gives, which should be the order the tables were defined in,
// as Kusto expands them; with a Schema that is not a TableLister, wildcards
// are not supported.
type TableLister interface {
	Schema
	TableNames() []string
}

// A unionLeg is one input of union, named as withsource names it ("" when
// the name is not known: see unionLegs).
type unionLeg struct {
	name string
	r    *relation
}

// unionLegs compiles union's inputs: the piped input, if any, then each
// operand, a wildcard giving one leg per matching table. With isfuzzy=true a
// table name that resolves to nothing is left out, as Kusto leaves it out.
func (c *compiler) unionLegs(in *relation, u *parser.Union, fuzzy bool) ([]unionLeg, error) {
	var legs []unionLeg
	if in != nil {
		legs = append(legs, unionLeg{"union_arg0", in})
	}
	// A table that a wildcard matches and the union also names, or that two
	// wildcards match, is refused: whether Kusto reads it twice is not
	// documented.
	named, matched := map[string]bool{}, map[string]bool{}
	// A query leg is named union_argN after its position; once a wildcard
	// has expanded or a fuzzy leg has been left out, which N Kusto gives is
	// not documented, and the name is left unknown.
	shifted := false
	for _, t := range u.Tables {
		if pat, ok := t.(*parser.TablePattern); ok {
			names, err := c.expandTables(pat)
			if err != nil {
				return nil, err
			}
			for _, n := range names {
				if named[n] || matched[n] {
					return nil, c.opErrorf("union", pat, CodeNotSupported, "a table that union names twice (%s, through '%s') is not supported", n, pat.Pattern)
				}
				matched[n] = true
				r, err := c.source(&parser.Ident{Name: n, NameSpan: pat.PatSpan})
				if err != nil {
					return nil, err
				}
				legs = append(legs, unionLeg{n, r})
			}
			shifted = true
			continue
		}
		id, isName := t.(*parser.Ident)
		if isName && fuzzy && !c.resolvesTable(id.Name) {
			shifted = true
			continue
		}
		r, err := c.tabular(t)
		if err != nil {
			return nil, err
		}
		name := "union_arg" + strconv.Itoa(len(legs))
		if shifted {
			name = ""
		}
		// withsource names a table leg by the table, and any other leg, a
		// tabular let among them, union_argN by its position.
		if isName && c.lets[id.Name] == nil {
			name = id.Name
			if matched[name] {
				return nil, c.opErrorf("union", id, CodeNotSupported, "a table that union names twice (%s, also through a wildcard) is not supported", name)
			}
			named[name] = true
		}
		legs = append(legs, unionLeg{name, r})
	}
	if len(legs) == 0 {
		return nil, c.opErrorf("union", u, CodeNotSupported, "a fuzzy union none of whose tables exists is not supported")
	}
	return legs, nil
}

// resolvesTable reports whether name is a tabular let or a table.
func (c *compiler) resolvesTable(name string) bool {
	if v, ok := c.lets[name]; ok {
		return v.table != nil
	}
	if c.schema == nil {
		return false
	}
	_, ok := c.schema.Table(name)
	return ok
}

// expandTables returns the schema's tables that a wildcard matches (case
// sensitively), in the schema's order.
func (c *compiler) expandTables(pat *parser.TablePattern) ([]string, error) {
	lister, ok := c.schema.(TableLister)
	if !ok {
		return nil, c.opErrorf("union", pat, CodeNotSupported, "table name wildcards (%s) are not supported here", pat.Pattern)
	}
	for name, v := range c.lets {
		// A view (a function) may be matched by the wildcard in Kusto.
		if ok, _ := path.Match(pat.Pattern, name); ok && (v.table != nil || v.fn != nil) {
			return nil, c.opErrorf("union", pat, CodeNotSupported, "a table name wildcard that matches a let name (%s) is not supported", name)
		}
	}
	var names []string
	for _, n := range lister.TableNames() {
		if ok, _ := path.Match(pat.Pattern, n); ok {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil, c.opErrorf("union", pat, CodeUnresolved, "The name '%s' does not refer to any known table", pat.Pattern)
	}
	return names, nil
}

// commonColumns returns the names of order that every leg has, for
// kind=inner. A name whose type differs between legs is refused: whether
// Kusto keeps it, and how, is not documented.
func (c *compiler) commonColumns(op parser.Operator, legs []unionLeg, order []string, types map[string][]Type) ([]string, error) {
	var common []string
	for _, n := range order {
		every := true
		for _, l := range legs {
			every = every && l.r.lookup(n) != nil
		}
		if !every {
			continue
		}
		if len(types[n]) > 1 {
			return nil, c.opErrorf("union", op, CodeNotSupported, "kind=inner over legs whose column '%s' differs in type is not supported", n)
		}
		common = append(common, n)
	}
	if len(common) == 0 {
		return nil, c.opErrorf("union", op, CodeNotSupported, "kind=inner over legs with no column in common is not supported")
	}
	return common, nil
}
