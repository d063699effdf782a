package parser

// An Operator is one tabular operator of a pipe: | where ..., | summarize ...
type Operator interface {
	Node
	// Name is the operator's keyword as Kusto spells it, e.g. "project-away".
	Name() string
}

// OpBase holds what every operator has: its keyword and where it ends.
type OpBase struct {
	Keyword string
	KwSpan  Span
	Last    Span // the span of the operator's final element
}

func (o *OpBase) Span() Span   { return join(o.KwSpan, o.Last) }
func (o *OpBase) Name() string { return o.Keyword }

// Where is | where Pred (also | filter).
type Where struct {
	OpBase
	Pred Expr
}

// Extend is | extend Cols; each column is an Expr or a *Named.
type Extend struct {
	OpBase
	Cols []Expr
}

// Project is | project Cols; each column is an Expr or a *Named.
type Project struct {
	OpBase
	Cols []Expr
}

// ProjectAway is | project-away Cols (names and wildcard patterns).
type ProjectAway struct {
	OpBase
	Cols []*ColPattern
}

// Summarize is | summarize Aggs by By; each element is an Expr or a *Named.
type Summarize struct {
	OpBase
	Aggs []Expr
	By   []Expr
}

// SortTerm is one key of order by / top: X [asc|desc] [nulls first|last].
// Kusto sorts descending unless told otherwise.
type SortTerm struct {
	X          Expr
	Asc        bool
	NullsFirst bool
	// NullsSet reports whether "nulls first|last" was written; without it,
	// nulls go first when ascending and last when descending.
	NullsSet bool
	Last     Span
}

func (t *SortTerm) Span() Span { return join(t.X.Span(), t.Last) }

// Sort is | order by Terms and | sort by Terms.
type Sort struct {
	OpBase
	Terms []*SortTerm
}

// Take is | take N and | limit N.
type Take struct {
	OpBase
	N Expr
}

// Top is | top N by Term.
type Top struct {
	OpBase
	N  Expr
	By *SortTerm
}

// Distinct is | distinct Cols; Cols is a single *Star for distinct *.
type Distinct struct {
	OpBase
	Cols []Expr
}

// Count is | count.
type Count struct{ OpBase }

// Param is a name=value option of an operator, such as kind=inner.
type Param struct {
	Name  *Ident
	Value Expr
}

// Union is [| ]union [params] Tables.
type Union struct {
	OpBase
	Params []*Param
	Tables []Expr
}

// Join is | join [params] Right on Conds. A condition is an *Ident (same
// name on both sides) or a *Binary $left.A == $right.B.
type Join struct {
	OpBase
	Params []*Param
	Right  Expr
	On     []Expr
}

// ColPattern is a column name or a wildcard pattern (Name*, *Name, A*B) in
// project-keep and project-reorder.
type ColPattern struct {
	Name     *Ident // the name, or the pattern's text with '*'
	Wildcard bool
	// Order is how project-reorder sorts the columns the pattern matches
	// by name: "asc", "desc", "granny-asc", "granny-desc", or "" to keep
	// their order.
	Order string
}

func (c *ColPattern) Span() Span { return c.Name.NameSpan }

// ProjectRename is | project-rename New = Old, ...; each pair is a *Named
// whose X is an *Ident.
type ProjectRename struct {
	OpBase
	Pairs []*Named
}

// ProjectReorder is | project-reorder Cols.
type ProjectReorder struct {
	OpBase
	Cols []*ColPattern
}

// ProjectKeep is | project-keep Cols.
type ProjectKeep struct {
	OpBase
	Cols []*ColPattern
}

// MvExpandItem is one [Name =] X [to typeof(T)] of mv-expand.
type MvExpandItem struct {
	X      Expr // an *Ident or a *Named
	ToType *TypeRef
}

// MvExpand is | mv-expand [Params] Items [limit Limit] (also | mvexpand).
type MvExpand struct {
	OpBase
	Params []*Param
	Items  []*MvExpandItem
	Limit  Expr // nil without limit
}
