package kql

import (
	"strconv"
	"strings"
	"testing"
)

// TestSeriesResults checks the series functions against Kusto's documented
// examples, and the corners (arrays of different lengths, non-numeric
// elements, division by zero) worked out by hand from the documentation.
// An infinity or NaN inside an array is written as pack_array writes it.
func TestSeriesResults(t *testing.T) {
	db := openSemantics(t)
	for _, tc := range []struct {
		name, exprs string
		want        []string
	}{
		{"series_add", `tostring(series_add(dynamic([1, 2, 4]), dynamic([4, 2, 1]))), tostring(series_add(dynamic([3, 6, 12]), dynamic([12, 6, 3]))), tostring(series_add(dynamic([1, 2.5, "a"]), dynamic([1, 1]))), tostring(series_add(dynamic([1]), dynamic([]))), isnull(series_add(dynamic([1]), dynamic(7)))`,
			[]string{"[5,4,5]", "[15,12,15]", "[2,3.5,null]", "[null]", "true"}},
		{"series_subtract and series_multiply", `tostring(series_subtract(dynamic([1, 2, 4]), dynamic([4, 2, 1]))), tostring(series_multiply(dynamic([1, 2, 4]), dynamic([4, 2, 1]))), tostring(series_multiply(dynamic([1.5, 2]), dynamic([2, 2])))`,
			[]string{"[-3,0,3]", "[4,4,4]", "[3.0,4]"}},
		{"series_divide", `tostring(series_divide(dynamic([1, 2, 4]), dynamic([4, 2, 1]))), tostring(series_divide(dynamic([2, -2, 0, 1]), dynamic([0, 0, 0])))`,
			[]string{"[0.25,1.0,4.0]", "[Infinity,-Infinity,NaN,null]"}},
		{"comparisons", `tostring(series_greater(dynamic([1, 2, 4]), dynamic([4, 2, 1]))), tostring(series_greater_equals(dynamic([1, 2, 4]), dynamic([4, 2, 1]))), tostring(series_less(dynamic([1, 2, 4]), dynamic([4, 2, 1]))), tostring(series_less_equals(dynamic([1, 2, 4]), dynamic([4, 2, 1]))), tostring(series_equals(dynamic([1, 2, 4]), dynamic([4, 2, 1]))), tostring(series_not_equals(dynamic([1, 2, 4]), dynamic([4, 2, 1]))), tostring(series_greater(dynamic([1, 2.5, "x"]), dynamic([1.0, 2])))`,
			[]string{"[false,false,true]", "[false,true,true]", "[true,false,false]", "[true,true,false]", "[false,true,false]", "[true,false,true]", "[false,true,null]"}},
		{"unary", `tostring(series_abs(dynamic([-6.5, 0, 8.2]))), tostring(series_floor(dynamic([-1.5, 1, 2.5]))), tostring(series_ceiling(dynamic([-1.5, 1, 2.5]))), tostring(series_abs(dynamic([-3, "a", null])))`,
			[]string{"[6.5,0,8.2]", "[-2.0,1.0,2.0]", "[-1.0,1.0,3.0]", "[3,null,null]"}},
		{"series_sum", `series_sum(dynamic([1, 2, 3, 4])), series_sum(dynamic([0.5, null, 2])), series_sum(dynamic([])), isnull(series_sum(dynamic(1)))`,
			[]string{"10", "2.5", "0", "true"}},
		{"series_fill_const", `tostring(series_fill_const(dynamic([111, null, 36, 41, 23, null, 16, 61, 33, null, null]), 0.0)), tostring(series_fill_const(dynamic([111, null, 36, 41, 23, null, 16, 61, 33, null, null]), -1)), tostring(series_fill_const(dynamic([1.5, null]), 0, real(null)))`,
			[]string{"[111,0.0,36,41,23,0.0,16,61,33,0.0,0.0]", "[111,-1,36,41,23,-1,16,61,33,-1,-1]", "[1.5,0]"}},
		{"series_fill_forward and series_fill_backward", `tostring(series_fill_forward(dynamic([null, null, 36, 41, null, null, 16, 61, 33, null, null]))), tostring(series_fill_backward(dynamic([null, null, 36, 41, null, null, 16, 61, 33, null, null]))), tostring(series_fill_forward(dynamic([1.5, null, 2]), long(null))), tostring(series_fill_backward(dynamic([])))`,
			[]string{"[null,null,36,41,41,41,16,61,33,33,33]", "[36,36,36,41,16,16,16,61,33,null,null]", "[1.5,1.5,2]", "[]"}},
		{"series_exp, series_log and series_pow", `tostring(series_exp(dynamic([1, 2, 3]))), tostring(series_log(dynamic([1, 0, -1, "a"]))), tostring(series_pow(dynamic([1, 2, 3, 4]), dynamic([1, 2, 3, 0.5])))`,
			[]string{"[2.718281828459045,7.38905609893065,20.085536923187668]", "[0.0,-Infinity,NaN,null]", "[1.0,4.0,27.0,2.0]"}},
		{"series_dot_product and series_magnitude", `series_dot_product(dynamic([1, 2, 4]), dynamic([4, 2, 1])), series_dot_product(dynamic([3, 6, 12]), dynamic([12, 6, 3])), series_dot_product(dynamic([2, 4, 8]), 2), series_dot_product(3, dynamic([3, 6, 12])), series_dot_product(dynamic([1, "a", 3, 5]), dynamic([2, 2, 2])), isnull(series_dot_product(dynamic([]), dynamic([1]))), series_magnitude(dynamic([1, 2, 3, 4])), isnull(series_magnitude(dynamic([])))`,
			[]string{"12", "108", "28", "63", "8", "true", "5.47722557505166", "true"}},
		{"series_cosine_similarity", `series_cosine_similarity(dynamic([0.1, 0.2, 0.1, 0.2]), dynamic([0.11, 0.2, 0.11, 0.21])), series_cosine_similarity(dynamic([0.1, 0.2, 0.1, 0.2]), dynamic([1, 2, 3, 4])), series_cosine_similarity(dynamic([1, 0, 5]), dynamic([2, 0])), isnull(series_cosine_similarity(dynamic([]), dynamic([1])))`,
			[]string{"0.99935343825504", "0.923760430703401", "1", "true"}},
		{"series_stats_dynamic", `tostring(series_stats_dynamic(dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]))), tostring(series_stats_dynamic(dynamic([1.5]), false)), isnull(series_stats_dynamic(dynamic([1, null]))), isnull(series_stats_dynamic(dynamic([])))`,
			[]string{`{"min":2.0,"min_idx":8,"max":87.0,"max_idx":3,"avg":32.8,"stdev":28.50363385354827,"variance":812.4571428571429,"sum":492.0,"len":15}`, `{"min":1.5,"min_idx":0,"max":1.5,"max_idx":0,"avg":1.5,"stdev":0.0,"variance":0.0,"sum":1.5,"len":1}`, "true", "true"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := splitTopLevel(tc.exprs)
			for i, x := range parts {
				parts[i] = "c" + strconv.Itoa(i) + " = " + x
			}
			got := singleRow(t, db, "Events | where Id == 1 | project "+strings.Join(parts, ", "))
			if strings.Join(got, "\x00") != strings.Join(tc.want, "\x00") {
				t.Errorf("%s\n got %q\nwant %q", tc.exprs, got, tc.want)
			}
		})
	}
}

// TestSeriesRefused checks the series corners that are refused as not
// supported, with their position: a number where Kusto takes a series
// without documenting what it does, a missing-value placeholder other than
// null, and the statistical functions.
func TestSeriesRefused(t *testing.T) {
	schema := loadSchema(t)
	for _, tc := range []struct {
		query     string
		line, col int
		msg       string
	}{
		{"SecureScores | extend s = series_add(Properties, 1)", 1, 50, "with a number for a series"},
		{"SecureScores | extend s = series_greater(Weight, Properties)", 1, 42, "with a number for a series"},
		{"SecureScores | extend s = series_fill_const(Properties, 0, -1)", 1, 60, "placeholder"},
		{"SecureScores | extend s = series_fill_forward(Properties, 0)", 1, 59, "placeholder"},
		{"SecureScores | extend s = series_cosine_similarity(Properties, Properties, 1.0, 1.0)", 1, 76, "magnitude"},
		{"SecureScores | extend s = series_fill_linear(Properties)", 1, 27, "series functions are not supported"},
		{"SecureScores | extend s = series_stats_dynamic(Properties, true)", 1, 60, "ignore_nonfinite"},
	} {
		wantError(t, schema, tc.query, CodeNotSupported, tc.line, tc.col, tc.msg)
	}
}
