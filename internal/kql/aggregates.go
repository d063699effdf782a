package kql

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// An aggregate is one aggregation function of summarize: its parameters,
// the prefix of the column it names (sum(X) is sum_X), its result type and
// its SQL. arg_max and arg_min, which produce several columns, are compiled
// by summarize itself.
type aggregate struct {
	args   []argKind
	min    int
	repeat bool // the last parameter may repeat
	prefix string
	result func(args []*sqlExpr) (Type, bool)
	sql    func(e *ectx, args []*sqlExpr) string
	// compile, when set instead of sql, also sees the call, for aggregates
	// whose SQL depends on a constant argument (percentile).
	compile func(e *ectx, x *parser.Call, args []*sqlExpr) (string, error)
	// name, when set, names the column instead of prefix_ + first argument.
	name func(c *compiler, x *parser.Call, r *relation) string
	// multi: the aggregate makes several columns (arg_max, percentiles), and
	// summarize compiles it itself.
	multi bool
}

func fixed(t Type) func([]*sqlExpr) (Type, bool) {
	return func([]*sqlExpr) (Type, bool) { return t, true }
}

// aggregates holds every aggregation function, by name; files add to it in init.
var aggregates = map[string]*aggregate{}

func init() {
	for name, a := range map[string]*aggregate{
		"make_set":  {args: []argKind{argAny, argInteger}, min: 1, prefix: "set", result: fixed(TDynamic), sql: makeList(true, false)},
		"make_list": {args: []argKind{argAny, argInteger}, min: 1, prefix: "list", result: fixed(TDynamic), sql: makeList(false, false)},
	} {
		aggregates[name] = a
	}
	for name, a := range map[string]*aggregate{
		"count": {prefix: "count", result: fixed(TLong), sql: func(*ectx, []*sqlExpr) string { return "count(*)" }},
		"countif": {args: []argKind{argBool}, prefix: "countif", result: fixed(TLong), sql: func(e *ectx, a []*sqlExpr) string {
			b, _ := e.asBool(a[0], precOr+1)
			return "count(*) FILTER (WHERE " + b + ")"
		}},
		// dcount is exact: DuckDB's approx_count_distinct errs by 20-50% at
		// small and medium counts (4 for 5 values, 1487 for 1000), far
		// beyond Kusto's dcount (about 1.6% at its default accuracy).
		"dcount": {args: []argKind{argAny, argInteger}, min: 1, prefix: "dcount", result: fixed(TLong), sql: func(e *ectx, a []*sqlExpr) string {
			return "count(DISTINCT " + a[0].sql + ")"
		}},
		"sum": {args: []argKind{argSummable}, prefix: "sum", result: summable, sql: func(e *ectx, a []*sqlExpr) string {
			switch a[0].typ {
			case TReal, TDecimal:
				return "sum(" + a[0].sql + ")"
			}
			return "CAST(sum(" + a[0].sql + ") AS BIGINT)"
		}},
		"avg": {args: []argKind{argAny}, prefix: "avg", result: averageable, sql: func(e *ectx, a []*sqlExpr) string {
			switch a[0].typ {
			case TTimespan:
				return "CAST(avg(" + a[0].sql + ") AS BIGINT)"
			case TDatetime:
				return "make_timestamp(CAST(avg(epoch_us(" + a[0].sql + ")) AS BIGINT))"
			}
			return "avg(" + a[0].sql + ")"
		}},
		"min":     {args: []argKind{argAny}, prefix: "min", result: orderable, sql: func(e *ectx, a []*sqlExpr) string { return "min(" + a[0].sql + ")" }},
		"max":     {args: []argKind{argAny}, prefix: "max", result: orderable, sql: func(e *ectx, a []*sqlExpr) string { return "max(" + a[0].sql + ")" }},
		"arg_max": {prefix: "arg_max", multi: true},
		"arg_min": {prefix: "arg_min", multi: true},
	} {
		aggregates[name] = a
	}
}

// makeList compiles make_set and make_list, and with withIf make_set_if
// and make_list_if, whose second argument is the predicate: a JSON array of
// the non-null values (distinct and sorted for a set, which takes the
// elements of an array value rather than the array), cut to the optional
// last argument's size.
func makeList(distinct, withIf bool) func(e *ectx, a []*sqlExpr) string {
	return func(e *ectx, a []*sqlExpr) string {
		v := a[0].sql
		if a[0].typ == TDatetime || a[0].typ == TTimespan {
			// In a dynamic array, Kusto's datetimes and timespans are text.
			v = e.jsonValue(a[0])
		}
		where := v + " IS NOT NULL"
		size := 1
		if withIf {
			b, _ := e.asBool(a[1], precAnd+1)
			where += " AND " + b
			size = 2
		}
		var list string
		if distinct && a[0].typ == TDynamic {
			// Kusto's make_set adds the elements of an array, not the array.
			elems := "list_transform(list(" + v + ") FILTER (WHERE " + where + "), x -> CASE WHEN json_type(x) = 'ARRAY' THEN CAST(x AS JSON[]) ELSE [x] END)"
			list = "list_sort(list_distinct(flatten(" + elems + ")))"
		} else if distinct {
			list = "list(DISTINCT " + v + " ORDER BY " + v + ") FILTER (WHERE " + where + ")"
		} else {
			list = "list(" + v + ") FILTER (WHERE " + where + ")"
		}
		if len(a) > size {
			list = "list_slice(" + list + ", 1, " + e.operand(a[size], TLong) + ")"
		}
		return "coalesce(to_json(" + list + "), CAST('[]' AS JSON))"
	}
}

// summable: sum keeps real and timespan, and makes int long.
func summable(a []*sqlExpr) (Type, bool) {
	switch t := a[0].typ; {
	case t == TInt || t == TLong:
		return TLong, true
	case t == TReal || t == TDecimal || t == TTimespan:
		return t, true
	}
	return "", false
}

func averageable(a []*sqlExpr) (Type, bool) {
	switch t := a[0].typ; {
	case t.isNumeric():
		return TReal, true
	case t == TTimespan || t == TDatetime:
		return t, true
	}
	return "", false
}

func orderable(a []*sqlExpr) (Type, bool) {
	return a[0].typ, a[0].typ.isOrderable()
}

// aggregate compiles a call of an aggregation function.
func (e *ectx) aggregate(x *parser.Call, a *aggregate) (*sqlExpr, error) {
	if a.multi { // arg_max, arg_min, percentiles
		if x.Func.Name == "percentiles" {
			return nil, e.errorf(x, CodeArgument, "'percentiles' must be used directly in summarize, as in summarize percentiles(X, 50, 95) by ...")
		}
		return nil, e.errorf(x, CodeArgument, "'%s' must be used directly in summarize, as in summarize %s(TimeGenerated, *) by ...", x.Func.Name, x.Func.Name)
	}
	inner := *e
	inner.inAgg = true
	args, err := inner.args(x)
	if err != nil {
		return nil, err
	}
	f := &function{args: a.args, min: a.min, repeat: a.repeat}
	if len(a.args) == 0 && len(args) > 0 {
		return nil, e.errorf(x, CodeArgument, "The function '%s' expects no arguments, but got %d", x.Func.Name, len(args))
	}
	if len(a.args) > 0 {
		if err := f.check(e, x, args); err != nil {
			return nil, err
		}
		// Unlike a scalar function, an aggregate of numbers does not take
		// a dynamic value: Kusto wants it converted first, as in sum(toint(X)).
		for i, arg := range args {
			if k := a.args[min(i, len(a.args)-1)]; arg.typ == TDynamic && (k == argNumber || k == argSummable) {
				return nil, incompatible(e, x, args)
			}
		}
	}
	t, ok := a.result(args)
	if !ok {
		return nil, incompatible(e, x, args)
	}
	if a.compile != nil {
		sql, err := a.compile(e, x, args)
		if err != nil {
			return nil, err
		}
		return &sqlExpr{sql: sql, typ: t, atomic: true, agg: true}, nil
	}
	return &sqlExpr{sql: a.sql(e, args), typ: t, atomic: true, agg: true}, nil
}

// argPick is one column arg_max or arg_min returns.
type argPick struct {
	name  string
	typ   Type
	field string
	sql   string
	// hidden: a hidden column that * picked, which stays hidden.
	hidden bool
}

// argMax compiles arg_max(by, cols...) or arg_min into one aggregate of a
// struct, so that all returned values come from the same row; summarize
// unpacks the struct afterwards. The first column is the maximised value.
func (e *ectx) argMax(x *parser.Call, declared string, keys map[string]bool) (sql string, picks []argPick, err error) {
	if len(x.Args) < 1 {
		return "", nil, e.errorf(x, CodeArgument, "The function '%s' expects at least 1 argument", x.Func.Name)
	}
	inner := *e
	inner.inAgg = true
	by, err := inner.expr(x.Args[0])
	if err != nil {
		return "", nil, err
	}
	if !by.typ.isOrderable() {
		return "", nil, e.errorf(x.Args[0], CodeType, "The argument of '%s' must be orderable, not %s", x.Func.Name, by.typ)
	}
	// Kusto names an unnamed value max_ (min_), and an unnamed returned
	// expression max_V_argN, V the value's name and N its argument position.
	prefix := strings.TrimPrefix(x.Func.Name, "arg_") + "_"
	base := e.c.resultName(x.Args[0], e.r)
	name := declared
	if name == "" {
		name = base
	}
	if name == "" {
		name = prefix
	}
	picks = append(picks, argPick{name: name, typ: by.typ, sql: by.sql})
	added := map[string]bool{name: true}
	for i, a := range x.Args[1:] {
		if _, ok := a.(*parser.Star); ok {
			for _, col := range e.r.cols {
				if keys[col.name] || added[col.name] {
					continue
				}
				added[col.name] = true
				picks = append(picks, argPick{name: col.name, typ: col.typ, sql: col.sql, hidden: col.hidden})
			}
			continue
		}
		n := e.c.resultName(a, e.r)
		if named, ok := a.(*parser.Named); ok { // arg_max(T, X = expr)
			a = named.X
		}
		v, err := inner.expr(a)
		if err != nil {
			return "", nil, err
		}
		if n == "" {
			n = prefix + base + "_arg" + strconv.Itoa(i+1)
		}
		added[n] = true
		picks = append(picks, argPick{name: n, typ: v.typ, sql: v.sql})
	}
	fields := make([]string, len(picks))
	for i := range picks {
		picks[i].field = "f" + strconv.Itoa(i)
		fields[i] = quoteIdent(picks[i].field) + " := " + picks[i].sql
	}
	fn := map[string]string{"arg_max": "arg_max", "arg_min": "arg_min"}[x.Func.Name]
	// DuckDB skips the rows whose value is null and returns null when all
	// are; Kusto then picks one row of the group anyway.
	row := "struct_pack(" + strings.Join(fields, ", ") + ")"
	return "coalesce(" + fn + "(" + row + ", " + by.sql + "), any_value(" + row + "))", picks, nil
}

// multiAny reports whether x is take_any or any over several expressions or
// *, which summarize compiles like arg_max: one aggregate of a struct, so
// that all values come from the same row.
func multiAny(x *parser.Call) bool {
	if x.Func.Name != "take_any" && x.Func.Name != "any" {
		return false
	}
	for _, a := range x.Args {
		if _, ok := a.(*parser.Star); ok {
			return true
		}
	}
	return len(x.Args) > 1
}

// takeAny compiles take_any(A, B, ...) or take_any(*), and any(...), which
// Kusto names as take_any's columns with the prefix any_. An unnamed
// expression is any_argN, N its argument position.
func (e *ectx) takeAny(x *parser.Call, declared string, keys map[string]bool) (sql string, picks []argPick, err error) {
	prefix := ""
	if x.Func.Name == "any" {
		prefix = "any_"
	}
	inner := *e
	inner.inAgg = true
	for i, a := range x.Args {
		if _, ok := a.(*parser.Star); ok {
			for _, col := range e.r.cols {
				if !keys[col.name] {
					picks = append(picks, argPick{name: prefix + col.name, typ: col.typ, sql: col.sql, hidden: col.hidden})
				}
			}
			continue
		}
		n := e.c.resultName(a, e.r)
		if named, ok := a.(*parser.Named); ok {
			a = named.X
		} else if n != "" {
			n = prefix + n
		}
		v, err := inner.expr(a)
		if err != nil {
			return "", nil, err
		}
		if n == "" {
			n = "any_arg" + strconv.Itoa(i)
		}
		picks = append(picks, argPick{name: n, typ: v.typ, sql: v.sql})
	}
	if len(picks) == 0 {
		return "", nil, e.errorf(x, CodeNotSupported, "'%s(*)' with no column left besides the summarize keys is not supported yet", x.Func.Name)
	}
	if declared != "" {
		picks[0].name = declared
	}
	fields := make([]string, len(picks))
	for i := range picks {
		picks[i].field = "f" + strconv.Itoa(i)
		fields[i] = quoteIdent(picks[i].field) + " := " + picks[i].sql
	}
	return "any_value(struct_pack(" + strings.Join(fields, ", ") + "))", picks, nil
}
