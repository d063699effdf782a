package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// compileTopNested compiles top-nested: level i groups the rows by the
// first i "of" expressions, aggregates, and keeps within each group of the
// level above the N best by its aggregate. Each level is a summarize (so
// that names and types are summarize's), ranked with row_number() and
// joined to the level above on the keys they share (null matching null, as
// grouping does). The columns are, per level, the value and its aggregate
// (named aggregated_Value unless the query names it). Ties are broken by the
// value, ascending, where Kusto leaves the choice open.
func compileTopNested(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	tn := op.(*parser.TopNested)
	base := c.wrap(r)
	var names []string
	out := &relation{}
	var prev string // the CTE of the levels so far
	seen := map[string]bool{}
	for i, lv := range tn.Levels {
		if lv.Others != nil {
			return nil, c.opErrorf(op.Name(), lv.Others, CodeNotSupported, "top-nested ... with others is not supported yet")
		}
		ofName, ofX := "", lv.Of
		switch x := lv.Of.(type) {
		case *parser.Named:
			ofName, ofX = x.Name.Name, x.X
		case *parser.Ident:
			ofName = x.Name
		default:
			return nil, c.opErrorf(op.Name(), lv.Of, CodeNotSupported, "name the top-nested expression: Name = expression")
		}
		aggName, aggX := "aggregated_"+ofName, lv.By
		if n, ok := lv.By.(*parser.Named); ok {
			aggName, aggX = n.Name.Name, n.X
		}
		for _, n := range []struct {
			name string
			at   parser.Node
		}{{ofName, lv.Of}, {aggName, lv.By}} {
			if seen[n.name] {
				return nil, c.duplicate(op, n.at, n.name)
			}
			seen[n.name] = true
		}
		limit := ""
		if lv.N != nil {
			n, err := c.constCount(op, lv.N)
			if err != nil {
				return nil, err
			}
			limit = n
		}

		// This level's groups: summarize agg by the "of" expressions so far.
		key := func(j int) string { return "__k" + strconv.Itoa(j+1) }
		var by []parser.Expr
		for j := 0; j <= i; j++ {
			x := tn.Levels[j].Of
			if n, ok := x.(*parser.Named); ok {
				x = n.X
			}
			by = append(by, &parser.Named{Name: &parser.Ident{Name: key(j)}, X: x})
		}
		agg := &parser.Named{Name: &parser.Ident{Name: "__a"}, X: aggX}
		if call, ok := aggX.(*parser.Call); ok {
			if a := aggregates[call.Func.Name]; a != nil && (a.multi || call.Func.Name == "percentiles") {
				return nil, c.opErrorf(op.Name(), call.Func, CodeNotSupported, "top-nested by %s() is not supported", call.Func.Name)
			}
		}
		sum := &parser.Summarize{OpBase: parser.OpBase{Keyword: op.Name(), KwSpan: lv.Kw, Last: lv.Kw}, Aggs: []parser.Expr{agg}, By: by}
		g, err := compileSummarize(c, base.clone(), sum)
		if err != nil {
			return nil, err
		}
		g = c.wrap(g)
		kcol, acol := g.cols[i], g.cols[i+1]
		if !acol.typ.isSummable() {
			// Kusto ranks by numeric aggregates (and combinations of them).
			return nil, c.opErrorf(op.Name(), aggX, CodeNotSupported, "top-nested by an aggregate of type %s is not supported", acol.typ)
		}
		if kcol.typ == TDynamic {
			return nil, c.opErrorf(op.Name(), ofX, CodeType, "The value of type 'dynamic' is not allowed in top-nested; convert it with tostring()")
		}

		// Rank within the level above and keep the best.
		var part []string
		for j := 0; j < i; j++ {
			part = append(part, quoteIdent(g.cols[j].ident))
		}
		dir := " DESC NULLS LAST"
		if lv.Asc {
			dir = " ASC NULLS FIRST"
		}
		win := "row_number() OVER ("
		if len(part) > 0 {
			win += "PARTITION BY " + strings.Join(part, ", ") + " "
		}
		win += "ORDER BY " + quoteIdent(acol.ident) + dir + ", " + quoteIdent(kcol.ident) + " ASC NULLS FIRST)"
		top := "SELECT * FROM " + g.from
		if limit != "" {
			top += " QUALIFY " + win + " <= " + limit
		}
		level := quoteIdent(c.cteName())
		sel := []string{`"t".` + quoteIdent(kcol.ident) + " AS " + quoteIdent(key(i)), `"t".` + quoteIdent(acol.ident) + " AS " + quoteIdent("__a"+strconv.Itoa(i+1))}
		from := "(" + top + `) AS "t"`
		if prev != "" {
			var on, carry []string
			for j := 0; j < i; j++ {
				on = append(on, `"p".`+quoteIdent(key(j))+` IS NOT DISTINCT FROM "t".`+quoteIdent(g.cols[j].ident))
			}
			for _, n := range names {
				carry = append(carry, `"p".`+quoteIdent(n))
			}
			sel = append(carry, sel...)
			from = prev + ` AS "p" JOIN ` + from + " ON " + strings.Join(on, " AND ")
		}
		c.ctes = append(c.ctes, level+" AS (SELECT "+strings.Join(sel, ", ")+" FROM "+from+")")
		names = append(names, key(i), "__a"+strconv.Itoa(i+1))
		prev = level
		out.cols = append(out.cols,
			&column{name: ofName, typ: kcol.typ, sql: quoteIdent(key(i)), plain: true},
			&column{name: aggName, typ: acol.typ, sql: quoteIdent("__a" + strconv.Itoa(i+1)), plain: true})
	}
	out.from = prev
	assignIdents(out.cols)
	return out, nil
}
