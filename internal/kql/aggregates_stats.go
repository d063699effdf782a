package kql

// binary_all_and, binary_all_or and binary_all_xor (named after their
// argument, of its integer type), and covariance, covariancep,
// covarianceif and covariancepif of two numbers. The covariance of a
// sample of one pair is 0, as stdev's of one value is.
func init() {
	bits := func(fn string) *aggregate {
		return &aggregate{args: []argKind{argInteger}, result: func(a []*sqlExpr) (Type, bool) {
			return a[0].typ, a[0].typ.isInteger()
		}, sql: func(e *ectx, a []*sqlExpr) string { return fn + "(" + a[0].sql + ")" }}
	}
	covariance := func(fn string, sample, withIf bool) *aggregate {
		args := []argKind{argNumber, argNumber}
		if withIf {
			args = append(args, argBool)
		}
		return &aggregate{args: args, result: func(a []*sqlExpr) (Type, bool) {
			return TReal, a[0].typ.isNumeric() && a[1].typ.isNumeric()
		}, sql: func(e *ectx, a []*sqlExpr) string {
			x, y := e.operand(a[0], TReal), e.operand(a[1], TReal)
			filter := ""
			if withIf {
				filter = filterOf(e, a[2])
			}
			s := fn + "(" + x + ", " + y + ")" + filter
			if sample {
				s = "CASE count(" + x + " + " + y + ")" + filter + " WHEN 1 THEN 0.0 ELSE " + s + " END"
			}
			return s
		}}
	}
	for name, a := range map[string]*aggregate{
		"binary_all_and": bits("bit_and"),
		"binary_all_or":  bits("bit_or"),
		"binary_all_xor": bits("bit_xor"),
		"covariance":     covariance("covar_samp", true, false),
		"covariancep":    covariance("covar_pop", false, false),
		"covarianceif":   covariance("covar_samp", true, true),
		"covariancepif":  covariance("covar_pop", false, true),
	} {
		aggregates[name] = a
	}
	for _, name := range []string{"covariance", "covariancep", "covarianceif", "covariancepif"} {
		aggregates[name].prefix = name
	}
}
