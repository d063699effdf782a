package parser

// MvApply is | mv-apply [params] Items on (SubQuery). The subquery is a
// pipe without a source: its operators run on each input row's expansion.
type MvApply struct {
	OpBase
	Params []*Param
	Items  []*MvExpandItem
	Limit  Expr // nil without "limit N"
	Sub    *Pipe
}

// Lookup is | lookup [kind=...] Right on Conds, with Join's conditions.
type Lookup struct {
	OpBase
	Params []*Param
	Right  Expr
	On     []Expr
}

// SeriesAgg is one [Name =] Aggregation [default = Value] of make-series.
type SeriesAgg struct {
	X       Expr // an aggregate call or a *Named
	Default Expr // nil when not written (0)
}

// MakeSeries is | make-series [params] Aggs on Axis from From to To step
// Step [by By], or ... on Axis in range(From, To, Step) [by By] (InRange).
type MakeSeries struct {
	OpBase
	Params   []*Param
	Aggs     []*SeriesAgg
	Axis     Expr
	From, To Expr // nil when not written
	Step     Expr
	InRange  bool
	By       []Expr
}

// NestedLevel is one level of top-nested: [N] of [Name =] X [with others =
// Others] by [Name =] Agg [asc|desc].
type NestedLevel struct {
	Kw     Span
	N      Expr // nil: every value
	Of     Expr // an expression or a *Named
	Others Expr // nil without "with others"
	By     Expr // an aggregate call or a *Named
	Asc    bool
}

// TopNested is | top-nested level, top-nested level ...
type TopNested struct {
	OpBase
	Levels []*NestedLevel
}

// Evaluate is | evaluate [params] Plugin(Args) [: (Schema)]. SchemaStar is
// the schema's leading '*' (the input's columns).
type Evaluate struct {
	OpBase
	Params     []*Param
	Plugin     *Call
	HasSchema  bool
	SchemaStar bool
	Schema     []*DataTableCol
}

// Partition is | partition [params] by Column (SubQuery): the subquery runs
// on the rows of each value of Column. Legacy reports the { SubQuery } form,
// whose subquery has its own source; Sub is nil then.
type Partition struct {
	OpBase
	Params []*Param
	By     *Ident
	Sub    *Pipe
	Legacy bool
}
