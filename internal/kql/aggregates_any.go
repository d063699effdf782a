package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// multiAny reports whether x is take_any or any with several arguments or
// a *: one column per argument, all from the same row, which summarize
// compiles as it compiles arg_max.
func multiAny(x *parser.Call) bool {
	if x.Func.Name != "take_any" && x.Func.Name != "any" {
		return false
	}
	if len(x.Args) > 1 {
		return true
	}
	for _, a := range x.Args {
		if _, ok := a.(*parser.Star); ok {
			return true
		}
	}
	return false
}

// anyRow compiles take_any(A, B, ...) and any(A, B, ...) into one
// aggregate of a struct, so that all values come from the same row, in
// the shape argMax returns. take_any names its columns after the
// arguments, any as any_A, any_B; * stands for every column that is not a
// by key or already picked (take_any only: which names any(*) gives
// hidden columns is not known, so it is refused).
func (e *ectx) anyRow(x *parser.Call, declared string, keys map[string]bool) (string, []argPick, error) {
	prefix := ""
	if x.Func.Name == "any" {
		prefix = "any_"
	}
	inner := *e
	inner.inAgg = true
	var picks []argPick
	added := map[string]bool{}
	for i, a := range x.Args {
		if _, ok := a.(*parser.Star); ok {
			if prefix != "" {
				return "", nil, e.errorf(a, CodeNotSupported, "any(*) is not supported yet; use take_any(*)")
			}
			for _, col := range e.r.cols {
				if keys[col.name] || added[col.name] {
					continue
				}
				added[col.name] = true
				picks = append(picks, argPick{name: col.name, typ: col.typ, sql: col.sql, hidden: col.hidden})
			}
			continue
		}
		v, err := inner.expr(a)
		if err != nil {
			return "", nil, err
		}
		n := e.c.resultName(a, e.r)
		if i == 0 && declared != "" {
			n = declared
		} else if n != "" {
			n = prefix + n
		}
		added[n] = true
		picks = append(picks, argPick{name: n, typ: v.typ, sql: v.sql})
	}
	fields := make([]string, len(picks))
	for i := range picks {
		picks[i].field = "f" + strconv.Itoa(i)
		fields[i] = quoteIdent(picks[i].field) + " := " + picks[i].sql
	}
	return "any_value(struct_pack(" + strings.Join(fields, ", ") + "))", picks, nil
}
