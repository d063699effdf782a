package kql

import (
	"regexp"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// search "term" and search in (Tables) "term": the rows of the tables in
// which some column has the term, as where * has "term" finds them, under a
// $table column naming the table (as union withsource=$table).
//
// Supported is the common form, a single term of letters and digits that
// the text of no number, bool, datetime or timespan can hold as a term:
// such a term can only be found in string, guid and dynamic columns, so
// those are the columns searched, and how Kusto writes the other types as
// text does not matter. Other predicates (col:"x", wildcards in the term,
// phrases, and, or ...) and search after a pipe are not supported yet.

// searchTerm is the term search supports.
var searchTerm = regexp.MustCompile(`^[A-Za-z0-9]+$`)

// valueTerm matches the terms (runs of letters and digits) of the text of a
// number (12, 1e-05, NaN, Infinity), a bool, a datetime (2026-03-10T10:00:00Z)
// or a timespan (1.02:00:00).
var valueTerm = regexp.MustCompile(`(?i)^(\d+|\d+e|\d+t\d+|\d+z|nan|infinity|true|false)$`)

func compileSearch(c *compiler, in *relation, op parser.Operator) (*relation, error) {
	s := op.(*parser.Search)
	if in != nil {
		return nil, c.opErrorf(op.Name(), op, CodeNotSupported, "search after a pipe is not supported yet; use where ... has")
	}
	cs := false
	for _, p := range s.Params {
		v, _ := p.Value.(*parser.Ident)
		switch {
		case p.Name.Name == "kind" && v != nil && (v.Name == "default" || v.Name == "case_insensitive" || v.Name == "case_sensitive"):
			cs = v.Name == "case_sensitive"
		default:
			return nil, c.opErrorf(op.Name(), p.Name, CodeNotSupported, "the search option '%s' is not supported", p.Name.Name)
		}
	}
	lit, ok := s.Pred.(*parser.Literal)
	if !ok || lit.Kind != parser.LitString || lit.Null {
		return nil, c.opErrorf(op.Name(), s.Pred, CodeNotSupported, "search is supported only with a single term in quotes, such as search \"powershell\"")
	}
	if !searchTerm.MatchString(lit.Text) || valueTerm.MatchString(lit.Text) {
		return nil, c.opErrorf(op.Name(), s.Pred, CodeNotSupported, "search is supported only for a term of letters and digits that is not a number, a bool or part of a datetime")
	}

	var legs []unionLeg
	if s.Tables == nil {
		lister, ok := c.schema.(TableLister)
		if !ok {
			return nil, c.opErrorf(op.Name(), op, CodeNotSupported, "search over every table is not supported here; name the tables with in (...)")
		}
		for _, n := range lister.TableNames() {
			r, err := c.source(&parser.Ident{Name: n, NameSpan: s.KwSpan})
			if err != nil {
				return nil, err
			}
			legs = append(legs, unionLeg{n, r})
		}
	} else {
		var err error
		if legs, err = c.unionLegs(nil, &parser.Union{OpBase: s.OpBase, Tables: s.Tables}, false); err != nil {
			return nil, err
		}
	}
	for i, l := range legs {
		r := l.r
		if !r.open() {
			r = c.wrap(r)
		}
		e := &ectx{c: c, r: r, op: op.Name()}
		cond, err := e.anyColumnHas(lit, cs)
		if err != nil {
			return nil, err
		}
		r.where = append(r.where, cond.sql)
		legs[i].r = r
	}
	return c.unionRelation(op, legs, "$table", false)
}

// anyColumnHas is SQL that holds when a string, dynamic or guid column of
// the relation has the term (has_cs when cs), as search and where * has
// ask. Columns of other types are left out, which is why the term may not
// look like a number, a bool or a datetime: those could match them.
func (e *ectx) anyColumnHas(lit *parser.Literal, cs bool) (*sqlExpr, error) {
	has := "has"
	if cs {
		has = "has_cs"
	}
	term := &sqlExpr{sql: e.c.arg(lit.Text), typ: TString, atomic: true, konst: &constant{str: lit.Text, lkind: parser.LitString}}
	var terms []string
	for _, col := range e.r.cols {
		if col.typ != TString && col.typ != TDynamic && col.typ != TGuid {
			continue
		}
		x := &sqlExpr{sql: col.sql, typ: col.typ, atomic: true, col: col}
		b, err := e.stringOp(&parser.Binary{X: &parser.Ident{Name: col.name}, Op: has, Y: lit}, x, term)
		if err != nil {
			return nil, err
		}
		terms = append(terms, within(b, precOr))
	}
	if len(terms) == 0 {
		return &sqlExpr{sql: "false", typ: TBool, atomic: true}, nil
	}
	return &sqlExpr{sql: "(" + strings.Join(terms, " OR ") + ")", typ: TBool, atomic: true}, nil
}

// starHas compiles * has "term" and * has_cs "term" (where * has ...): some
// column has the term, as search finds it.
func (e *ectx) starHas(x *parser.Binary) (*sqlExpr, error) {
	if x.Op != "has" && x.Op != "has_cs" {
		return nil, e.errorf(x, CodeNotSupported, "'* %s' is not supported yet; * is supported with has and has_cs", x.Op)
	}
	lit, ok := x.Y.(*parser.Literal)
	if !ok || lit.Kind != parser.LitString || lit.Null {
		return nil, e.errorf(x.Y, CodeNotSupported, "* has is supported only with a single term in quotes, such as * has \"powershell\"")
	}
	if !searchTerm.MatchString(lit.Text) || valueTerm.MatchString(lit.Text) {
		return nil, e.errorf(x.Y, CodeNotSupported, "* has is supported only for a term of letters and digits that is not a number, a bool or part of a datetime")
	}
	return e.anyColumnHas(lit, x.Op == "has_cs")
}
