package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// joinKinds maps Kusto's join kinds to SQL. innerunique, Kusto's default,
// is an inner join after keeping one row per key of the left side.
var joinKinds = map[string]string{
	"innerunique": "JOIN", "inner": "JOIN", "leftouter": "LEFT JOIN", "rightouter": "RIGHT JOIN",
	"fullouter": "FULL JOIN", "leftsemi": "SEMI JOIN", "leftanti": "ANTI JOIN",
	"anti": "ANTI JOIN", "leftantisemi": "ANTI JOIN", "semi": "SEMI JOIN",
	"rightsemi": "SEMI JOIN", "rightanti": "ANTI JOIN", "rightantisemi": "ANTI JOIN",
}

// A joinKey is one equality of the on clause; common when it is a column
// name both sides have (on A) rather than $left.A == $right.B.
type joinKey struct {
	left, right *column
	common      bool        // on A, rather than $left.A == $right.B
	at          parser.Expr // where the condition is written, for errors
}

func compileJoin(c *compiler, left *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(left, op); err != nil {
		return nil, err
	}
	j := op.(*parser.Join)
	kind := "innerunique"
	for _, p := range j.Params {
		v, _ := p.Value.(*parser.Ident)
		switch {
		case p.Name.Name == "kind" && v != nil && joinKinds[v.Name] != "":
			kind = v.Name
		case p.Name.Name == "kind" && v != nil:
			return nil, c.errorf(p.Value, CodeArgument, "Unknown join kind '%s'", v.Name)
		case p.Name.Name == "kind":
			return nil, c.errorf(p.Value, CodeArgument, "Unknown join kind")
		case strings.HasPrefix(p.Name.Name, "hint."):
			// Execution hints do not change results.
		default:
			return nil, c.errorf(p.Name, CodeNotSupported, "the join option '%s' is not supported", p.Name.Name)
		}
	}
	right, err := c.tabular(j.Right)
	if err != nil {
		return nil, err
	}
	keys, err := c.joinKeys(op, j.On, left, right)
	if err != nil {
		return nil, err
	}
	l, r := c.joinSide(left), c.joinSide(right)
	if kind == "innerunique" {
		var ks []string
		for _, k := range keys {
			ks = append(ks, quoteIdent(k.left.ident))
		}
		name := c.cteName()
		c.ctes = append(c.ctes, quoteIdent(name)+" AS (SELECT DISTINCT ON ("+strings.Join(ks, ", ")+") * FROM "+l+")")
		l = quoteIdent(name)
	}
	var on []string
	for _, k := range keys {
		on = append(on, `"l".`+quoteIdent(k.left.ident)+` = "r".`+quoteIdent(k.right.ident))
	}
	lside, rside := l, r
	sqlKind := joinKinds[kind]
	if strings.HasPrefix(kind, "right") && (strings.HasSuffix(kind, "semi") || strings.HasSuffix(kind, "anti")) {
		// rightsemi is leftsemi with the sides swapped.
		lside, rside = r, l
		on = on[:0]
		for _, k := range keys {
			on = append(on, `"l".`+quoteIdent(k.right.ident)+` = "r".`+quoteIdent(k.left.ident))
		}
	}
	out := &relation{from: lside + ` AS "l" ` + sqlKind + " " + rside + ` AS "r" ON ` + strings.Join(on, " AND ")}

	qualify := func(side string, col *column, nullable bool) *column {
		n := &column{name: col.name, typ: col.typ, sql: `"` + side + `".` + quoteIdent(col.ident), plain: true, hidden: col.hidden, members: col.members}
		if nullable && (col.typ == TString || col.typ == TGuid) {
			// Kusto strings are never null: an unmatched row's strings are "".
			n.sql, n.plain = "coalesce("+n.sql+", '')", false
		}
		return n
	}
	switch kind {
	case "leftsemi", "leftanti", "anti", "leftantisemi", "semi", "rightsemi", "rightanti", "rightantisemi":
		side := left
		if strings.HasPrefix(kind, "right") {
			side = right
		}
		for _, col := range side.cols {
			out.cols = append(out.cols, qualify("l", col, false))
		}
	default:
		lnull := kind == "rightouter" || kind == "fullouter"
		rnull := kind == "leftouter" || kind == "fullouter"
		for _, col := range left.cols {
			out.cols = append(out.cols, qualify("l", col, lnull))
		}
		taken := map[string]bool{}
		for _, col := range left.cols {
			taken[col.name] = true
		}
		for _, col := range right.cols {
			taken[col.name] = true
		}
		for _, col := range right.cols {
			n := qualify("r", col, rnull)
			if left.lookup(col.name) != nil {
				n.name = freeSuffix(col.name, taken)
			}
			out.cols = append(out.cols, n)
		}
	}
	assignIdents(out.cols)
	return out, nil
}

// joinSide returns a FROM item for one side of a join: the table itself when
// the side is a whole table, a CTE otherwise.
func (c *compiler) joinSide(r *relation) string {
	if r.star && r.nstar == len(r.cols) && r.open() && len(r.where) == 0 {
		return r.from
	}
	return c.wrap(r).from
}

// joinKeys resolves the on clause: "on A, B" or "on $left.A == $right.B and ...".
func (c *compiler) joinKeys(op parser.Operator, on []parser.Expr, left, right *relation) ([]joinKey, error) {
	var keys []joinKey
	var add func(x parser.Expr) error
	add = func(x parser.Expr) error {
		switch x := x.(type) {
		case *parser.Ident:
			l, r := left.lookup(x.Name), right.lookup(x.Name)
			if l == nil || r == nil {
				return c.opErrorf(op.Name(), x, CodeUnresolved, "Failed to resolve column named '%s' on both sides of the join", x.Name)
			}
			keys = append(keys, joinKey{l, r, true, x})
		case *parser.Binary:
			if x.Op == "and" {
				if err := add(x.X); err != nil {
					return err
				}
				return add(x.Y)
			}
			if x.Op != "==" {
				return c.opErrorf(op.Name(), x, CodeNotSupported, "Only equality conditions ($left.A == $right.B) are supported in join")
			}
			l, err := sideColumn(c, op, x.X, "$left", left)
			if err != nil {
				return err
			}
			r, err := sideColumn(c, op, x.Y, "$right", right)
			if err != nil {
				return err
			}
			keys = append(keys, joinKey{l, r, false, x})
		default:
			return c.opErrorf(op.Name(), x, CodeSyntax, "A join condition is a column name or $left.A == $right.B")
		}
		return nil
	}
	for _, x := range on {
		if err := add(x); err != nil {
			return nil, err
		}
	}
	// As in Kusto, a common column has one type on both sides; $left.A ==
	// $right.B may also mix int and long.
	for _, k := range keys {
		lt, rt := k.left.typ, k.right.typ
		switch {
		case k.common && lt != rt:
			return nil, c.opErrorf(op.Name(), k.at, CodeType, "The common column '%s' must have the same type on both sides of the join: (%s, %s)", k.left.name, lt, rt)
		case lt != rt && !(lt.isInteger() && rt.isInteger()), lt == TDynamic:
			return nil, c.opErrorf(op.Name(), k.at, CodeType, "Inconsistent data types for join keys: (%s, %s)", lt, rt)
		}
	}
	return keys, nil
}

// sideColumn resolves $left.Name or $right.Name.
func sideColumn(c *compiler, op parser.Operator, x parser.Expr, side string, r *relation) (*column, error) {
	p, _ := x.(*parser.Path)
	if p == nil {
		return nil, c.opErrorf(op.Name(), x, CodeSyntax, "The join condition operand must be: %s.<column>", side)
	}
	if id, _ := p.X.(*parser.Ident); id == nil || id.Name != side {
		return nil, c.opErrorf(op.Name(), x, CodeSyntax, "The join condition operand must be: %s.<column>", side)
	}
	col := r.lookup(p.Name.Name)
	if col == nil {
		return nil, c.opErrorf(op.Name(), p.Name, CodeUnresolved, "Failed to resolve column named '%s' on the %s side of the join", p.Name.Name, strings.TrimPrefix(side, "$"))
	}
	return col, nil
}

// freeSuffix returns name with the first numeric suffix not in taken (A →
// A1, or A2 when A1 is taken), as Kusto renames a right-side column whose
// name the left side has, and marks it taken.
func freeSuffix(name string, taken map[string]bool) string {
	for s := 1; ; s++ {
		cand := name + strconv.Itoa(s)
		if !taken[cand] {
			taken[cand] = true
			return cand
		}
	}
}
