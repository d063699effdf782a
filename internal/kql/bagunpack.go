package kql

import (
	"fmt"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// slotTypes maps the JSON types DuckDB reports to the Kusto type of a slot
// that holds only values of that type.
var slotTypes = map[string]Type{
	"VARCHAR": TString, "BIGINT": TLong, "UBIGINT": TLong, "DOUBLE": TReal, "BOOLEAN": TBool,
	"OBJECT": TDynamic, "ARRAY": TDynamic,
}

// bagUnpackProbed compiles bag_unpack without an output schema: a probe
// lists the slots of the bag over the rows that reach it and the JSON types
// of their values, and the result has, after the input's columns less the
// bag, one column per slot in name order (ordinal), typed as its values are
// when they all have one type, dynamic when they differ, as Kusto types
// them. What Kusto's rules leave uncertain is refused: a slot holding JSON
// null, and integers beyond a long.
func (c *compiler) bagUnpackProbed(r *relation, bagID *parser.Ident, prefix string) (*relation, error) {
	const op = "evaluate"
	w := c.wrap(r)
	e := &ectx{c: c, r: w, op: op}
	bag, err := e.expr(bagID)
	if err != nil {
		return nil, err
	}
	path := `'$."' || replace(replace("k", '\', '\\'), '"', '\"') || '"'`
	probe := `SELECT "k", string_agg(DISTINCT "t", ',' ORDER BY "t") FROM (` +
		`SELECT "k", CASE WHEN json_type("b", ` + path + `) = 'UBIGINT' AND TRY_CAST(json_extract_string("b", ` + path + `) AS BIGINT) IS NULL THEN 'HUGE' ELSE json_type("b", ` + path + `) END AS "t" ` +
		`FROM (SELECT "b", unnest(json_keys("b")) AS "k" FROM (SELECT ` + bag.sql + ` AS "b" FROM ` + w.from + `) WHERE json_type("b") = 'OBJECT')` +
		`) GROUP BY "k" ORDER BY "k"`
	if len(c.ctes) > 0 {
		probe = "WITH " + strings.Join(c.ctes, ",\n") + "\n" + probe
	}
	sql, args := c.bindArgs(probe)
	rows, err := c.probe(sql, args)
	if err != nil {
		return nil, fmt.Errorf("probing the slots of bag_unpack: %w", err)
	}

	p := newProjection(w)
	for _, col := range w.cols {
		if col.name != bagID.Name {
			p.add(col, false)
		}
	}
	for _, row := range rows {
		if len(row) != 2 {
			return nil, fmt.Errorf("probing the slots of bag_unpack: a row of %d values, want 2", len(row))
		}
		key, _ := row[0].(string)
		types, _ := row[1].(string)
		var typ Type
		for _, jt := range strings.Split(types, ",") {
			switch t, ok := slotTypes[jt]; {
			case jt == "NULL":
				return nil, c.opErrorf(op, bagID, CodeNotSupported, "bag_unpack of a slot that holds null ('%s') is not supported; declare an output schema", key)
			case !ok:
				return nil, c.opErrorf(op, bagID, CodeNotSupported, "bag_unpack of the slot '%s', whose values are of JSON type %s, is not supported; declare an output schema", key, jt)
			case typ == "":
				typ = t
			case typ != t:
				typ = TDynamic
			}
		}
		name := prefix + key
		if w.lookup(name) != nil && name != bagID.Name {
			return nil, c.opErrorf(op, bagID, CodeArgument, "bag_unpack: the slot '%s' has the name of a column of the input", name)
		}
		slot := &parser.Index{X: bagID, I: &parser.Literal{Kind: parser.LitString, Text: key, ValSpan: bagID.NameSpan}, Rbrack: bagID.NameSpan}
		v, err := e.expr(slot)
		if err != nil {
			return nil, err
		}
		if !p.declare(&column{name: name, typ: typ, sql: e.cast(v, typ)}, false) {
			return nil, c.opErrorf(op, bagID, CodeDuplicate, "bag_unpack: the column '%s' is declared twice", name)
		}
	}
	if len(p.cols) == 0 {
		return nil, c.opErrorf(op, bagID, CodeNotSupported, "bag_unpack with no output columns is not supported")
	}
	out := c.ready(w, bagID)
	out.cols, out.star = p.cols, false
	assignIdents(out.cols)
	return out, nil
}
