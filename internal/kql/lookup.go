package kql

import (
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// compileLookup compiles lookup, a join that extends each left row with the
// columns of the matching right rows: kind=leftouter (the default) or inner,
// every match (no innerunique), and the right side's key columns left out,
// since they repeat the left's. A right column whose name the left side has
// gets the first free numeric suffix, as in join.
func compileLookup(c *compiler, left *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(left, op); err != nil {
		return nil, err
	}
	lk := op.(*parser.Lookup)
	kind := "leftouter"
	for _, p := range lk.Params {
		v, _ := p.Value.(*parser.Ident)
		switch {
		case p.Name.Name == "kind" && v != nil && (v.Name == "leftouter" || v.Name == "inner"):
			kind = v.Name
		case p.Name.Name == "kind":
			return nil, c.opErrorf(op.Name(), p.Value, CodeArgument, "lookup kind must be leftouter or inner")
		case strings.HasPrefix(p.Name.Name, "hint."):
			// Execution hints do not change results.
		default:
			return nil, c.opErrorf(op.Name(), p.Name, CodeNotSupported, "the lookup option '%s' is not supported", p.Name.Name)
		}
	}
	right, err := c.tabular(lk.Right)
	if err != nil {
		return nil, err
	}
	keys, err := c.joinKeys(op, lk.On, left, right)
	if err != nil {
		return nil, err
	}
	l, r := c.joinSide(left), c.joinSide(right)
	var on []string
	rkey := map[*column]bool{}
	for _, k := range keys {
		on = append(on, `"l".`+quoteIdent(k.left.ident)+` = "r".`+quoteIdent(k.right.ident))
		rkey[k.right] = true
	}
	sqlKind := "LEFT JOIN"
	if kind == "inner" {
		sqlKind = "JOIN"
	}
	out := &relation{from: l + ` AS "l" ` + sqlKind + " " + r + ` AS "r" ON ` + strings.Join(on, " AND ")}
	taken := map[string]bool{}
	for _, col := range left.cols {
		out.cols = append(out.cols, &column{name: col.name, typ: col.typ, sql: `"l".` + quoteIdent(col.ident), plain: true, hidden: col.hidden})
		taken[col.name] = true
	}
	for _, col := range right.cols {
		if !rkey[col] {
			taken[col.name] = true
		}
	}
	for _, col := range right.cols {
		if rkey[col] {
			continue
		}
		n := &column{name: col.name, typ: col.typ, sql: `"r".` + quoteIdent(col.ident), plain: true, hidden: col.hidden}
		if kind == "leftouter" && (col.typ == TString || col.typ == TGuid) {
			// Kusto strings are never null: an unmatched row's strings are "".
			n.sql, n.plain = "coalesce("+n.sql+", '')", false
		}
		if left.lookup(col.name) != nil {
			n.name = freeSuffix(col.name, taken)
		}
		out.cols = append(out.cols, n)
	}
	assignIdents(out.cols)
	return out, nil
}
