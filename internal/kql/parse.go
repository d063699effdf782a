package kql

import (
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// parse and parse-where, in their three kinds:
//
//	simple   the whole value must match the pattern, a literal literally,
//	         and every typed column must convert, or every column is empty
//	regex    the literals are regular expressions (RE2, with flags=), the
//	         match is as strict as simple's
//	relaxed  as simple, but a typed column that does not convert is null
//	         and the others are still extracted
//
// parse-where keeps only the rows that parse (for relaxed, whose rows parse
// even when a type does not, only string columns are supported).

type parseKind int

const (
	parseSimple parseKind = iota
	parseRegexKind
	parseRelaxed
)

// parseTypes are the types a parse column may have; dynamic, decimal and
// guid are not supported yet.
var parseTypes = map[Type]bool{TString: true, TLong: true, TInt: true, TReal: true, TBool: true, TDatetime: true, TTimespan: true}

// compileParse extracts the pattern's columns with regexp_extract; parse-where
// also drops the rows that do not parse.
func compileParse(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	ps := op.(*parser.ParseOp)
	kind, flags, err := c.parseOptions(ps)
	if err != nil {
		return nil, err
	}
	types, err := c.parseColumnTypes(ps, kind)
	if err != nil {
		return nil, err
	}
	var re string
	var groups []int
	if kind == parseRegexKind {
		re, groups, err = c.parseRegexPattern(ps, types, flags)
	} else {
		re, groups = simplePattern(ps.Pattern, types, kind == parseRelaxed), simpleGroups(ps.Pattern)
	}
	if err != nil {
		return nil, err
	}

	r = c.ready(r, ps.X)
	e := &ectx{c: c, r: r, op: op.Name()}
	x, err := e.expr(ps.X)
	if err != nil {
		return nil, err
	}
	src := x.sql
	if x.typ != TString {
		src = e.toString(x)
	}
	reArg := c.arg(re)
	matched := "regexp_matches(" + src + ", " + reArg + ")"

	// Each column's value: the captured text, converted to its type.
	type value struct {
		col *parser.ParsePart
		typ Type
		sql string
	}
	var values []value
	var converted []string // typed values, which must all convert in strict kinds
	for i, pt := range ps.Pattern {
		if pt.Col == nil {
			continue
		}
		text := "regexp_extract(" + src + ", " + reArg + ", " + strconv.Itoa(groups[i]) + ")"
		sql := text
		if types[i] != TString {
			sql = parseConvert(e, "NULLIF("+text+", '')", types[i])
			converted = append(converted, "("+sql+") IS NOT NULL")
		}
		values = append(values, value{pt, types[i], sql})
	}
	if kind == parseRelaxed && op.Name() == "parse-where" && len(converted) > 0 {
		return nil, c.opErrorf(op.Name(), ps, CodeNotSupported, "parse-where kind=relaxed with typed columns is not supported yet")
	}
	strict := kind != parseRelaxed && len(converted) > 0
	parsed := strings.Join(converted, " AND ")

	p := newProjection(r)
	p.cols = append(p.cols, r.cols...)
	for _, col := range r.cols {
		p.suffix[col.name] = 0
	}
	for _, v := range values {
		sql := v.sql
		if strict {
			// A value that does not convert fails the whole parse.
			empty := "NULL"
			if v.typ == TString {
				empty = "''"
			}
			sql = "CASE WHEN " + parsed + " THEN " + sql + " ELSE " + empty + " END"
		}
		if !p.declare(&column{name: v.col.Col.Name, typ: v.typ, sql: sql}, true) {
			return nil, c.duplicate(op, v.col.Col, v.col.Col.Name)
		}
	}
	r.cols, r.star = p.cols, false
	if op.Name() == "parse-where" {
		r.where = append(r.where, matched)
		if strict {
			r.where = append(r.where, parsed)
		}
	}
	assignIdents(r.cols)
	return r, nil
}

// parseOptions reads kind= and flags=.
func (c *compiler) parseOptions(ps *parser.ParseOp) (parseKind, string, error) {
	kind, flags := parseSimple, ""
	var flagsAt parser.Node
	for _, p := range ps.Params {
		switch p.Name.Name {
		case "kind":
			v, _ := p.Value.(*parser.Ident)
			k, ok := map[string]parseKind{"simple": parseSimple, "regex": parseRegexKind, "relaxed": parseRelaxed}[identName(v)]
			if !ok {
				return 0, "", c.opErrorf(ps.Name(), p.Value, CodeArgument, "Expected one of: simple, regex, relaxed")
			}
			kind = k
		case "flags":
			switch v := p.Value.(type) {
			case *parser.Ident:
				flags = v.Name
			case *parser.Literal:
				flags = v.Text
			}
			flagsAt = p.Name
		}
	}
	if flagsAt == nil {
		return kind, "", nil
	}
	if kind != parseRegexKind {
		return 0, "", c.opErrorf(ps.Name(), flagsAt, CodeNotSupported, "parse flags= without kind=regex is not supported")
	}
	for _, f := range flags {
		if !strings.ContainsRune("imsU", f) {
			return 0, "", c.opErrorf(ps.Name(), flagsAt, CodeNotSupported, "the regex flag '%c' is not supported; only i, m, s and U are", f)
		}
	}
	return kind, flags, nil
}

func identName(id *parser.Ident) string {
	if id == nil {
		return ""
	}
	return id.Name
}

// parseColumnTypes returns the type of each column of the pattern (""
// for the other elements).
func (c *compiler) parseColumnTypes(ps *parser.ParseOp, kind parseKind) ([]Type, error) {
	types := make([]Type, len(ps.Pattern))
	for i, pt := range ps.Pattern {
		if pt.Star && i > 0 && ps.Pattern[i-1].Col != nil && types[i-1] == TString {
			return nil, c.opErrorf(ps.Name(), ps.Pattern[i-1].Col, CodeArgument, "Using * after parsing a string column is ambiguous")
		}
		if pt.Col == nil {
			continue
		}
		types[i] = TString
		if pt.Type == "" {
			continue
		}
		t, ok := typeAliases[strings.ToLower(pt.Type)]
		if !ok {
			return nil, c.opErrorf(ps.Name(), at(pt.TypeSpn), CodeArgument, "Unknown type '%s'", pt.Type)
		}
		if !parseTypes[t] {
			return nil, c.opErrorf(ps.Name(), at(pt.TypeSpn), CodeNotSupported, "parse into a column of type %s is not supported yet", t)
		}
		if kind == parseRegexKind && t != TString && !t.isInteger() {
			return nil, c.opErrorf(ps.Name(), at(pt.TypeSpn), CodeNotSupported, "parse kind=regex into a column of type %s is not supported yet", t)
		}
		types[i] = t
	}
	return types, nil
}

// simplePattern builds the regular expression of a simple or relaxed
// pattern: the whole value must match; "*" and string columns match as
// little as they can (the last element as much as it can). In simple mode a
// number matches a numeral and a timespan [-][d.]hh:mm:ss[.fffffff]; in
// relaxed mode every column matches any text, converted afterwards.
func simplePattern(parts []*parser.ParsePart, types []Type, relaxed bool) string {
	var b strings.Builder
	b.WriteString("(?s)^")
	for i, pt := range parts {
		last := i == len(parts)-1
		lazy := "(.*?)"
		if last {
			lazy = "(.*)"
		}
		switch {
		case pt.Star:
			b.WriteString("(?:" + lazy[1:])
		case pt.Lit != nil:
			b.WriteString(regexp.QuoteMeta(pt.Lit.Text))
		case relaxed:
			b.WriteString(lazy)
		default:
			switch types[i] {
			case TLong, TInt:
				b.WriteString(`(-?\d+)`)
			case TReal:
				b.WriteString(`(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)`)
			case TTimespan:
				b.WriteString("(" + parseTimespanRE + ")")
			default:
				b.WriteString(lazy)
			}
		}
	}
	b.WriteString("$")
	return b.String()
}

// simpleGroups numbers the capture groups of a simple pattern: one per
// column, in order.
func simpleGroups(parts []*parser.ParsePart) []int {
	groups := make([]int, len(parts))
	g := 0
	for i, pt := range parts {
		if pt.Col != nil {
			g++
			groups[i] = g
		}
	}
	return groups
}

// parseRegexPattern builds the regular expression of a kind=regex pattern
// as Kusto does: "*" is .*?, a string column (.*?), an integer column
// (-?\d+), a literal the regular expression it holds. Kusto's docs do not
// say whether the match is anchored; the patterns supported are those whose
// answer does not depend on it: beginning with "*" or a string column and
// ending with "*". Literals may hold groups of their own; the columns'
// group numbers count them.
func (c *compiler) parseRegexPattern(ps *parser.ParseOp, types []Type, flags string) (string, []int, error) {
	parts := ps.Pattern
	first, last := parts[0], parts[len(parts)-1]
	if !(first.Star || first.Col != nil && types[0] == TString) || !last.Star {
		return "", nil, c.opErrorf(ps.Name(), ps, CodeNotSupported, "parse kind=regex is supported only with a pattern that begins with * or a string column and ends with *")
	}
	var b strings.Builder
	if flags != "" {
		b.WriteString("(?" + flags + ")")
	}
	groups := make([]int, len(parts))
	g := 0
	for i, pt := range parts {
		switch {
		case pt.Star:
			b.WriteString(".*?")
		case pt.Lit != nil:
			re, err := syntax.Parse(pt.Lit.Text, syntax.Perl)
			if err != nil {
				return "", nil, c.opErrorf(ps.Name(), pt.Lit, CodeArgument, "The regular expression is not valid: %v", err)
			}
			b.WriteString("(?:" + pt.Lit.Text + ")")
			g += re.MaxCap()
		default:
			g++
			groups[i] = g
			if types[i] == TString {
				b.WriteString("(.*?)")
			} else {
				b.WriteString(`(-?\d+)`)
			}
		}
	}
	return b.String(), groups, nil
}

// parseTimespanRE matches the text of a timespan as parse reads it:
// [-][d.]hh:mm:ss[.fffffff].
const parseTimespanRE = `-?(?:\d+\.)?(?:[01]?\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,7})?`

// parseConvert converts the captured text s (null when empty) to t.
func parseConvert(e *ectx, s string, t Type) string {
	if t != TTimespan {
		return e.cast(&sqlExpr{sql: s, typ: TString, atomic: true}, t)
	}
	// Ticks from the parts of [-][d.]hh:mm:ss[.fffffff].
	part := func(i int) string {
		return "regexp_extract(" + s + ", '^(-?)(?:(\\d+)\\.)?(\\d+):(\\d+):(\\d+)(?:\\.(\\d+))?$', " + strconv.Itoa(i) + ")"
	}
	num := func(i int) string { return "coalesce(TRY_CAST(NULLIF(" + part(i) + ", '') AS BIGINT), 0)" }
	return "CASE WHEN regexp_full_match(" + s + ", '" + parseTimespanRE + "') THEN " +
		"(CASE WHEN " + part(1) + " = '-' THEN -1 ELSE 1 END) * (" +
		num(2) + " * 864000000000 + " + num(3) + " * 36000000000 + " + num(4) + " * 600000000 + " + num(5) + " * 10000000 + " +
		"coalesce(TRY_CAST(NULLIF(rpad(" + part(6) + ", 7, '0'), '0000000') AS BIGINT), 0)) END"
}
