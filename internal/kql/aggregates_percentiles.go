package kql

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

func init() {
	// percentiles_array(X, P1, P2, ...) or percentiles_array(X, dynamic([P1,
	// P2, ...])): the percentiles as one dynamic array, nearest-rank and
	// exact as percentile() is.
	aggregates["percentiles_array"] = &aggregate{args: []argKind{argAny, argAny}, min: 2, repeat: true, prefix: "percentiles", result: fixed(TDynamic), compile: compilePercentilesArray}
}

func compilePercentilesArray(e *ectx, x *parser.Call, a []*sqlExpr) (string, error) {
	switch t := a[0].typ; {
	case t == TDatetime || t == TTimespan:
		return "", e.errorf(x.Args[0], CodeNotSupported, "percentiles_array of a %s is not supported yet", t)
	case !t.isNumeric():
		return "", incompatible(e, x, a)
	}
	var ps []float64
	if len(a) == 2 && a[1].typ == TDynamic {
		if a[1].konst == nil || a[1].konst.null || json.Unmarshal([]byte(a[1].konst.str), &ps) != nil {
			return "", e.errorf(x.Args[1], CodeArgument, "The percentiles of 'percentiles_array' must be constant numbers or a constant dynamic array of numbers")
		}
	} else {
		for _, arg := range x.Args[1:] {
			p, ok := percentileValue(arg)
			if !ok {
				return "", e.errorf(arg, CodeArgument, "The percentiles of 'percentiles_array' must be constant numbers or a constant dynamic array of numbers")
			}
			ps = append(ps, p)
		}
	}
	qs := make([]string, len(ps))
	for i, p := range ps {
		if p < 0 || p > 100 {
			return "", e.errorf(x.Args[1], CodeArgument, "The percentiles of 'percentiles_array' must be from 0 to 100")
		}
		qs[i] = strconv.FormatFloat(p/100, 'g', -1, 64)
	}
	if len(qs) == 0 {
		return "", e.errorf(x, CodeArgument, "'percentiles_array' needs at least one percentile")
	}
	return "to_json(quantile_disc(" + a[0].sql + ", [" + strings.Join(qs, ", ") + "]))", nil
}
