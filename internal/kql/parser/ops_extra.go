package parser

// Render is | render ... : accepted and ignored, as Log Analytics' API does.
type Render struct{ OpBase }

// Serialize is | serialize [Cols]; each column is an Expr or a *Named.
type Serialize struct {
	OpBase
	Cols []Expr
}

// GetSchema is | getschema.
type GetSchema struct{ OpBase }

// As is | as [params] Name.
type As struct {
	OpBase
	Params []*Param
	Table  *Ident
}

// ParsePart is one element of a parse pattern: "*", a string literal, or a
// column Name[:type].
type ParsePart struct {
	Star    bool
	Lit     *Literal
	Col     *Ident
	Type    string // "" when the column has no type (string)
	TypeSpn Span
}

// ParseOp is | parse [kind=...] X with Pattern, and | parse-where.
type ParseOp struct {
	OpBase
	Params  []*Param
	X       Expr
	Pattern []*ParsePart
}

// DataTableCol is one Name:type of datatable.
type DataTableCol struct {
	Name *Ident
	Type string
}

// DataTable is datatable (Cols) [Values], a tabular source.
type DataTable struct {
	Kw     Span
	Cols   []*DataTableCol
	Values []Expr
	Rbrack Span
}

func (x *DataTable) Span() Span { return join(x.Kw, x.Rbrack) }
func (*DataTable) expr()        {}
