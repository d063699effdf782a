package kql

import (
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// The series_* functions work on the arrays make-series builds, which
// secexport does not run; each is refused by name rather than called
// unknown.
func init() {
	for _, name := range strings.Fields(`
		series_abs series_acos series_add series_asin series_atan series_ceiling series_cos
		series_cosine_similarity series_decompose series_decompose_anomalies series_decompose_forecast
		series_divide series_dot_product series_equals series_exp series_fft series_fill_backward
		series_fill_const series_fill_forward series_fill_linear series_fir series_fit_2lines
		series_fit_2lines_dynamic series_fit_line series_fit_line_dynamic series_fit_poly series_floor
		series_greater series_greater_equals series_ifft series_iir series_less series_less_equals
		series_log series_magnitude series_multiply series_not_equals series_outliers
		series_pearson_correlation series_periods_detect series_periods_validate series_pow
		series_product series_seasonal series_sign series_sin series_stats series_stats_dynamic
		series_subtract series_sum series_tan`) {
		functions[name] = &function{compile: func(e *ectx, x *parser.Call) (*sqlExpr, error) {
			return nil, e.errorf(x, CodeNotSupported, "the function '%s' is not supported: series functions are not supported", x.Func.Name)
		}}
	}
}
