package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// A column of a relation: its KQL name and type, the SQL expression that
// computes it from the relation's FROM clause, and the SQL name it is
// selected as. SQL names are unique case-insensitively within a SELECT,
// because DuckDB's identifiers are case-insensitive and KQL's are not.
type column struct {
	name  string
	typ   Type
	sql   string
	ident string
	// plain reports that sql is a reference to a column of the FROM clause,
	// so it may be repeated in WHERE and GROUP BY without recomputing anything.
	plain bool
	// hidden marks a column that came hidden from the schema (Column.Hidden)
	// and has not been named since: operators that pass columns through keep
	// it, so later operators can still use it, but the final SELECT leaves it
	// out. A column built by naming it (project, summarize by, extend x = ...)
	// is visible.
	hidden bool
	// members, when not nil, marks the column of a typed mv-expand: a
	// struct with these VARCHAR fields rather than JSON, which only
	// tostring(X.Member) may read (see typedMvMembers).
	members []string
}

// A relation is the SELECT being built for a pipe. Operators fold into it
// while SQL's clause order allows (FROM, WHERE, GROUP BY, DISTINCT, ORDER BY,
// LIMIT); otherwise the compiler wraps it into a common table expression
// and starts a new one over it.
type relation struct {
	cols []*column
	from string
	// star reports that the first nstar columns are exactly the FROM
	// clause's columns, untouched and in order, so that SELECT * selects them.
	star     bool
	nstar    int
	where    []string
	groupBy  []string
	grouped  bool
	distinct bool
	orderBy  []string
	limit    string
	// serial is what is known of the rows' order (serial.go).
	serial serialState
	// windows holds the window function calls computed for the operator
	// being compiled, by call (window.go).
	windows map[*parser.Call]*column
}

func (r *relation) lookup(name string) *column {
	for _, c := range r.cols {
		if c.name == name {
			return c
		}
	}
	return nil
}

// computed reports whether any column is computed or renamed.
func (r *relation) computed() bool {
	for _, c := range r.cols {
		if !c.plain || c.sql != quoteIdent(c.ident) {
			return true
		}
	}
	return false
}

// open reports whether more row-level work (filters, projections,
// aggregation) can still be added to this SELECT.
func (r *relation) open() bool {
	return !r.grouped && !r.distinct && r.orderBy == nil && r.limit == ""
}

// uniqueIdent returns name, or name_2, name_3 ..., so that it differs
// case-insensitively from every ident in taken.
func uniqueIdent(name string, taken []*column) string {
	used := func(s string) bool {
		for _, c := range taken {
			if c != nil && strings.EqualFold(c.ident, s) {
				return true
			}
		}
		return false
	}
	if !used(name) {
		return name
	}
	for i := 2; ; i++ {
		s := name + "_" + strconv.Itoa(i)
		if !used(s) {
			return s
		}
	}
}

// sql renders the relation as one SELECT statement.
func (r *relation) sql() string {
	var b strings.Builder
	b.WriteString("SELECT ")
	if r.distinct {
		b.WriteString("DISTINCT ")
	}
	cols := r.cols
	if r.star {
		b.WriteString("*")
		cols = cols[r.nstar:]
	}
	for i, c := range cols {
		if i > 0 || r.star {
			b.WriteString(", ")
		}
		b.WriteString(c.sql)
		if q := quoteIdent(c.ident); q != c.sql {
			b.WriteString(" AS ")
			b.WriteString(q)
		}
	}
	b.WriteString(" FROM ")
	b.WriteString(r.from)
	if len(r.where) > 0 {
		b.WriteString(" WHERE ")
		b.WriteString(strings.Join(r.where, " AND "))
	}
	if len(r.groupBy) > 0 {
		b.WriteString(" GROUP BY ")
		b.WriteString(strings.Join(r.groupBy, ", "))
	}
	if len(r.orderBy) > 0 {
		b.WriteString(" ORDER BY ")
		b.WriteString(strings.Join(r.orderBy, ", "))
	}
	if r.limit != "" {
		b.WriteString(" LIMIT ")
		b.WriteString(r.limit)
	}
	return b.String()
}

// over returns a fresh relation reading every column of a table or CTE.
func over(from string, cols []*column) *relation {
	r := &relation{from: from, star: true, nstar: len(cols)}
	for _, c := range cols {
		r.cols = append(r.cols, &column{name: c.name, typ: c.typ, sql: quoteIdent(c.ident), ident: c.ident, plain: true, hidden: c.hidden, members: c.members})
	}
	return r
}

// visible returns the columns that are not hidden.
func (r *relation) visible() []*column {
	var vis []*column
	for _, c := range r.cols {
		if !c.hidden {
			vis = append(vis, c)
		}
	}
	return vis
}

// clone copies a relation so that operators can change the copy.
func (r *relation) clone() *relation {
	n := *r
	n.cols = make([]*column, len(r.cols))
	for i, c := range r.cols {
		cc := *c
		n.cols[i] = &cc
	}
	n.where = append([]string(nil), r.where...)
	n.groupBy = append([]string(nil), r.groupBy...)
	n.orderBy = append([]string(nil), r.orderBy...)
	return &n
}

// unpositional keeps DuckDB from reading an integer literal in GROUP BY or
// ORDER BY, such as a constant timespan's ticks, as a column's position.
func unpositional(sql string) string {
	if _, err := strconv.ParseInt(strings.Trim(sql, "()"), 10, 64); err == nil {
		return "CAST(" + sql + " AS BIGINT)"
	}
	return sql
}
