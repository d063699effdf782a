package kql

import (
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// The series_* functions over the numeric arrays make-series builds.
// Element-wise functions of two series run to the longer one; an element
// missing from the shorter one, or one that is not a number, gives null.
// An element has Kusto's type: the sum, difference or product of two longs,
// and the absolute value of a long, is a long; a comparison is a bool;
// anything else (a quotient, a power, a floor or ceiling, an operation with
// a real) is a real.
//
// The statistical and signal-processing functions, and those whose result
// the documentation leaves open (series_sign of a real, series_fill_linear
// of longs), are refused by name rather than called unknown.
func init() {
	for _, name := range strings.Fields(`
		series_acos series_asin series_atan series_cos series_sin series_tan
		series_decompose series_decompose_anomalies series_decompose_forecast
		series_fft series_ifft series_fir series_iir series_fill_linear
		series_fit_2lines series_fit_2lines_dynamic series_fit_line series_fit_line_dynamic series_fit_poly
		series_outliers series_pearson_correlation series_periods_detect series_periods_validate
		series_product series_seasonal series_sign series_stats`) {
		functions[name] = &function{compile: func(e *ectx, x *parser.Call) (*sqlExpr, error) {
			return nil, e.errorf(x, CodeNotSupported, "the function '%s' is not supported: series functions are not supported", x.Func.Name)
		}}
	}
	elementwise := func(op string) *function {
		return seriesPair(func(x, y string) string {
			return "CASE WHEN " + isLong(x) + " AND " + isLong(y) + " THEN to_json(" + asLong(x) + " " + op + " " + asLong(y) + ")" +
				" WHEN " + isNumber(x) + " AND " + isNumber(y) + " THEN to_json(" + asReal(x) + " " + op + " " + asReal(y) + ") END"
		})
	}
	for name, f := range map[string]*function{
		"series_add":      elementwise("+"),
		"series_subtract": elementwise("-"),
		"series_multiply": elementwise("*"),
		// A quotient is a real even of two longs; x/0 is ±infinity or NaN,
		// as a double division is.
		"series_divide": seriesPair(func(x, y string) string {
			return "CASE WHEN " + isNumber(x) + " AND " + isNumber(y) + " THEN to_json(" + realDivide(asReal(x), asReal(y)) + ") END"
		}),
		"series_greater":        elementwise(">"),
		"series_greater_equals": elementwise(">="),
		"series_less":           elementwise("<"),
		"series_less_equals":    elementwise("<="),
		"series_equals":         elementwise("="),
		"series_not_equals":     elementwise("<>"),
		"series_abs": seriesEach(func(x string) string {
			return "CASE WHEN " + isLong(x) + " THEN to_json(abs(" + asLong(x) + ")) WHEN " + isNumber(x) + " THEN to_json(abs(" + asReal(x) + ")) END"
		}),
		"series_floor": seriesEach(func(x string) string {
			return "CASE WHEN " + isNumber(x) + " THEN to_json(floor(" + asReal(x) + ")) END"
		}),
		"series_ceiling": seriesEach(func(x string) string {
			return "CASE WHEN " + isNumber(x) + " THEN to_json(ceil(" + asReal(x) + ")) END"
		}),
		"series_exp": seriesEach(func(x string) string {
			return "CASE WHEN " + isNumber(x) + " THEN to_json(exp(" + asReal(x) + ")) END"
		}),
		// The natural logarithm, as log() computes it.
		"series_log": seriesEach(func(x string) string {
			v := asReal(x)
			return "CASE WHEN " + isNumber(x) + " THEN to_json(CASE WHEN " + v + " < 0 THEN 'NaN'::DOUBLE WHEN " + v + " = 0 THEN '-Infinity'::DOUBLE ELSE ln(" + v + ") END) END"
		}),
		"series_pow": seriesPair(func(x, y string) string {
			return "CASE WHEN " + isNumber(x) + " AND " + isNumber(y) + " THEN to_json(pow(" + asReal(x) + ", " + asReal(y) + ")) END"
		}),
		// The sum of the numeric elements, as a real.
		"series_sum": {args: []argKind{argDynamic}, result: TReal, sql: func(e *ectx, a []*sqlExpr) string {
			return ifArrays(a, "coalesce(list_sum(list_transform(list_filter("+jsonList(a[0])+", lambda __v: "+isNumber("__v")+"), lambda __v: "+asReal("__v")+")), 0.0)")
		}},
		"series_fill_const":        {compile: compileSeriesFillConst, name: nameFirstArg},
		"series_dot_product":       {compile: compileSeriesDotProduct},
		"series_stats_dynamic":     {compile: compileSeriesStatsDynamic},
		"series_cosine_similarity": {compile: compileSeriesCosineSimilarity},
		// The square root of the series' dot product with itself.
		"series_magnitude": {args: []argKind{argDynamic}, result: TReal, sql: func(e *ectx, a []*sqlExpr) string {
			l := jsonList(a[0])
			return ifArrays(a, "sqrt("+dotProduct(l, l)+")")
		}},
		// A null element takes the nearest non-null element before it
		// (forward) or after it (backward); nulls with none stay null.
		"series_fill_forward": {compile: seriesFill(func(l, i string) string {
			return "list_filter(" + l + "[1:" + i + "], lambda __v: NOT " + isMissing("__v") + ")[-1]"
		}), name: nameFirstArg},
		"series_fill_backward": {compile: seriesFill(func(l, i string) string {
			return "list_filter(" + l + "[" + i + ":], lambda __v: NOT " + isMissing("__v") + ")[1]"
		}), name: nameFirstArg},
	} {
		functions[name] = f
	}
}

// isNumber and isLong test a JSON element; asReal and asLong read it.
func isNumber(v string) string { return "json_type(" + v + ") IN ('BIGINT', 'UBIGINT', 'DOUBLE')" }
func isLong(v string) string {
	return "(json_type(" + v + ") IN ('BIGINT', 'UBIGINT') AND TRY_CAST(" + v + " AS BIGINT) IS NOT NULL)"
}
func asReal(v string) string { return "CAST(" + v + " AS DOUBLE)" }
func asLong(v string) string { return "CAST(" + v + " AS BIGINT)" }

// isMissing is a JSON element that is null, the missing value of a series.
func isMissing(v string) string { return "(" + v + " IS NULL OR json_type(" + v + ") = 'NULL')" }

// realDivide is x / y as .NET divides doubles: x/0 is ±infinity, 0/0 NaN;
// null if either is null.
func realDivide(x, y string) string {
	return "CASE WHEN " + x + " IS NULL OR " + y + " IS NULL THEN NULL WHEN " + y + " <> 0 THEN " + x + " / " + y + " WHEN " + x + " > 0 THEN 'Infinity'::DOUBLE WHEN " + x + " < 0 THEN '-Infinity'::DOUBLE ELSE 'NaN'::DOUBLE END"
}

// seriesEach maps every element of a series; elem writes the JSON of the
// result element from the JSON element __x.
func seriesEach(elem func(x string) string) *function {
	return &function{args: []argKind{argDynamic}, result: TDynamic, sql: func(e *ectx, a []*sqlExpr) string {
		return ifArrays(a, "to_json(list_transform("+jsonList(a[0])+", lambda __x: "+elem("__x")+"))")
	}}
}

// seriesPair combines two series element by element up to the longer one;
// elem writes the JSON of the result element from the elements __x and __y,
// either of which is null past the end of its series. Kusto also takes a
// number for either series, which its documentation does not describe;
// that is refused.
func seriesPair(elem func(x, y string) string) *function {
	return &function{compile: func(e *ectx, x *parser.Call) (*sqlExpr, error) {
		if err := argCount(e, x, 2, 2); err != nil {
			return nil, err
		}
		a, err := e.args(x)
		if err != nil {
			return nil, err
		}
		for i, v := range a {
			if v.typ.isNumeric() {
				return nil, e.errorf(x.Args[i], CodeNotSupported, "the function '%s' is not supported with a number for a series", x.Func.Name)
			}
		}
		if a[0].typ != TDynamic || a[1].typ != TDynamic {
			return nil, incompatible(e, x, a)
		}
		l := jsonLists(a)
		body := "list_transform(range(1, greatest(len(__a), len(__b)) + 1), lambda __i: list_transform([[__a[__i], __b[__i]]], lambda __p: " +
			strings.NewReplacer("__x", "__p[1]", "__y", "__p[2]").Replace(elem("__x", "__y")) + ")[1])"
		return &sqlExpr{typ: TDynamic, sql: ifArrays(a, "to_json(list_transform([["+l[0]+", "+l[1]+"]], lambda __ab: list_transform([__ab[1]], lambda __a: list_transform([__ab[2]], lambda __b: "+body+")[1])[1])[1])")}, nil
	}}
}

// compileSeriesFillConst is series_fill_const(series, constant): every
// null element becomes the constant; the other elements keep their value
// and type.
func compileSeriesFillConst(e *ectx, x *parser.Call) (*sqlExpr, error) {
	args, err := seriesFillArgs(e, x, 2)
	if err != nil {
		return nil, err
	}
	if !args[1].typ.isNumeric() && args[1].typ != TDynamic {
		return nil, incompatible(e, x, args)
	}
	c := e.jsonValue(args[1])
	return &sqlExpr{typ: TDynamic, sql: ifArrays(args[:1], "to_json(list_transform("+jsonList(args[0])+", lambda __x: CASE WHEN "+isMissing("__x")+" THEN "+c+" ELSE __x END))")}, nil
}

// seriesFill is series_fill_forward and series_fill_backward: nearest
// writes the element that fills position __i of the list __l.
func seriesFill(nearest func(l, i string) string) func(e *ectx, x *parser.Call) (*sqlExpr, error) {
	return func(e *ectx, x *parser.Call) (*sqlExpr, error) {
		args, err := seriesFillArgs(e, x, 1)
		if err != nil {
			return nil, err
		}
		body := "list_transform(range(1, len(__l) + 1), lambda __i: CASE WHEN " + isMissing("__l[__i]") + " THEN " + nearest("__l", "__i") + " ELSE __l[__i] END)"
		return &sqlExpr{typ: TDynamic, sql: ifArrays(args[:1], "to_json(list_transform(["+jsonList(args[0])+"], lambda __l: "+body+")[1])")}, nil
	}
}

// seriesFillArgs compiles the arguments of a series_fill function: the
// series, the required ones after it, then the missing-value placeholder,
// which is refused unless it is the default, null.
func seriesFillArgs(e *ectx, x *parser.Call, required int) ([]*sqlExpr, error) {
	if err := argCount(e, x, required, required+1); err != nil {
		return nil, err
	}
	args, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if args[0].typ != TDynamic {
		return nil, incompatible(e, x, args)
	}
	if len(args) > required {
		p := args[required]
		if !p.typ.isNumeric() && p.typ != TDynamic {
			return nil, incompatible(e, x, args)
		}
		if p.konst == nil || !p.konst.null {
			return nil, e.errorf(x.Args[required], CodeNotSupported, "the missing value placeholder of '%s' is not supported unless it is null", x.Func.Name)
		}
	}
	return args, nil
}

// compileSeriesDotProduct is series_dot_product(series1, series2): the sum
// of the products of the elements at the same position, up to the end of
// the shorter series, skipping a pair with an element that is not a number;
// null if either series is empty. Either argument may be a number, which
// stands for a series of that number as long as the other.
func compileSeriesDotProduct(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 2, 2); err != nil {
		return nil, err
	}
	a, err := e.args(x)
	if err != nil {
		return nil, err
	}
	var series []*sqlExpr
	for _, v := range a {
		switch {
		case v.typ == TDynamic:
			series = append(series, v)
		case !v.typ.isNumeric() || v.typ == TDecimal:
			return nil, incompatible(e, x, a)
		}
	}
	if len(series) == 0 {
		return nil, incompatible(e, x, a)
	}
	l := make([]string, 2)
	for i, v := range a {
		if v.typ == TDynamic {
			l[i] = jsonList(v)
		}
	}
	for i, v := range a {
		if v.typ != TDynamic {
			// The number, repeated as often as the other series is long.
			l[i] = "list_transform(" + l[1-i] + ", lambda __v: " + e.jsonValue(v) + ")"
		}
	}
	return &sqlExpr{typ: TReal, sql: ifArrays(series, dotProduct(l[0], l[1]))}, nil
}

// dotProduct is the dot product of two lists of JSON elements, as
// series_dot_product computes it.
func dotProduct(a, b string) string {
	x, y := a+"[__i]", b+"[__i]"
	products := "list_transform(range(1, least(len(" + a + "), len(" + b + ")) + 1), lambda __i: CASE WHEN " + isNumber(x) + " AND " + isNumber(y) +
		" THEN " + asReal(x) + " * " + asReal(y) + " ELSE 0 END)"
	return "CASE WHEN len(" + a + ") > 0 AND len(" + b + ") > 0 THEN list_sum(" + products + ") END"
}

// compileSeriesCosineSimilarity is series_cosine_similarity(series1,
// series2): their dot product over the product of their magnitudes, both
// series cut to the shorter one and their non-numeric elements ignored;
// null if either is empty. The optional magnitude arguments are refused.
func compileSeriesCosineSimilarity(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if len(x.Args) > 2 {
		return nil, e.errorf(x.Args[2], CodeNotSupported, "the magnitude arguments of 'series_cosine_similarity' are not supported")
	}
	if err := argCount(e, x, 2, 2); err != nil {
		return nil, err
	}
	a, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if a[0].typ != TDynamic || a[1].typ != TDynamic {
		return nil, incompatible(e, x, a)
	}
	l := jsonLists(a)
	n := "least(len(" + l[0] + "), len(" + l[1] + "))"
	cut := func(s string) string { return "list_slice(" + s + ", 1, " + n + ")" }
	a0, a1 := cut(l[0]), cut(l[1])
	return &sqlExpr{typ: TReal, sql: ifArrays(a, realDivide(dotProduct(a0, a1), "(sqrt("+dotProduct(a0, a0)+") * sqrt("+dotProduct(a1, a1)+"))"))}, nil
}

// compileSeriesStatsDynamic is series_stats_dynamic(series): a bag of min,
// min_idx, max, max_idx, avg, stdev, variance (both of a sample), sum and
// len, in that order; null if an element is not a finite number or the
// series is empty. Of a single element, stdev and variance are 0, as the
// stdev() and variance() aggregates make them. ignore_nonfinite = true is
// refused: the documentation leaves open what min_idx and len count then.
func compileSeriesStatsDynamic(e *ectx, x *parser.Call) (*sqlExpr, error) {
	if err := argCount(e, x, 1, 2); err != nil {
		return nil, err
	}
	a, err := e.args(x)
	if err != nil {
		return nil, err
	}
	if a[0].typ != TDynamic || len(a) == 2 && a[1].typ != TBool {
		return nil, incompatible(e, x, a)
	}
	if len(a) == 2 && (a[1].konst == nil || a[1].konst.null || a[1].konst.b) {
		return nil, e.errorf(x.Args[1], CodeNotSupported, "'series_stats_dynamic' is not supported unless ignore_nonfinite is false")
	}
	reals := "list_transform(" + jsonList(a[0]) + ", lambda __v: CASE WHEN " + isNumber("__v") + " THEN " + asReal("__v") + " END)"
	spread := func(agg string) string { return "coalesce(list_aggregate(__l, '" + agg + "'), 0.0)" }
	bag := "json_object('min', list_min(__l), 'min_idx', list_position(__l, list_min(__l)) - 1, 'max', list_max(__l), 'max_idx', list_position(__l, list_max(__l)) - 1, " +
		"'avg', list_avg(__l), 'stdev', " + spread("stddev_samp") + ", 'variance', " + spread("var_samp") + ", 'sum', list_sum(__l), 'len', len(__l))"
	finite := "len(__l) > 0 AND list_bool_and(list_transform(__l, lambda __v: coalesce(isfinite(__v), false)))"
	return &sqlExpr{typ: TDynamic, sql: ifArrays(a[:1], "list_transform(["+reals+"], lambda __l: CASE WHEN "+finite+" THEN "+bag+" END)[1]")}, nil
}
