package parser

// A Node is any element of the syntax tree; every node knows where it came from.
type Node interface {
	Span() Span
}

// An Expr is a scalar or tabular expression. Which one it is can only be
// decided with the schema at hand, so the parser does not try: a name may be
// a column, a table or a let variable.
type Expr interface {
	Node
	expr()
}

// Ident is a name: Name, ['Name with space'], $left.
type Ident struct {
	Name     string
	Quoted   bool
	NameSpan Span
}

// LitKind is the kind of value a literal denotes.
type LitKind int

// Literal kinds; the names are Kusto's scalar type names.
const (
	LitString LitKind = iota
	LitLong
	LitInt
	LitReal
	LitBool
	LitTimespan
	LitDatetime
	LitGuid
	LitDynamic
)

var litKindNames = [...]string{"string", "long", "int", "real", "bool", "timespan", "datetime", "guid", "dynamic"}

// String returns the Kusto type name of the kind.
func (k LitKind) String() string { return litKindNames[k] }

// Literal is a constant. Null is set for typed nulls such as long(null).
// Text holds the value as written for numbers and the decoded text for strings,
// guids, datetimes and dynamic values (JSON); Ticks holds a timespan.
type Literal struct {
	Kind    LitKind
	Text    string
	Ticks   int64
	Null    bool
	ValSpan Span
}

// Paren is (X).
type Paren struct {
	X      Expr
	Lparen Span
	Rparen Span
}

// Unary is -X or +X.
type Unary struct {
	Op     string
	OpSpan Span
	X      Expr
}

// Binary is X op Y for arithmetic, comparison, logical and string operators
// (==, =~, has, !contains, matches regex, and, or ...). Op is written lower case.
type Binary struct {
	X      Expr
	Op     string
	OpSpan Span
	Y      Expr
}

// In is X in (list), X !in (list), X in~ (list), X !in~ (list). A single
// list element may be a tabular expression or a dynamic array.
type In struct {
	X      Expr
	Op     string
	OpSpan Span
	List   []Expr
	Rparen Span
}

// Between is X between (Lo .. Hi) and X !between (Lo .. Hi).
type Between struct {
	X      Expr
	Not    bool
	OpSpan Span
	Lo, Hi Expr
	Rparen Span
}

// Call is Func(Args...).
type Call struct {
	Func   *Ident
	Args   []Expr
	Rparen Span
}

// Star is * as a function argument, as in arg_max(T, *).
type Star struct{ StarSpan Span }

// Path is X.Name, member access on a dynamic value (or $left.Name in join).
type Path struct {
	X    Expr
	Name *Ident
}

// Index is X[I], element access on a dynamic value.
type Index struct {
	X      Expr
	I      Expr
	Rbrack Span
}

// Named is Name = X, in extend, project, summarize and call arguments.
type Named struct {
	Name *Ident
	X    Expr
}

// TypeRef is typeof(T), a type written as an argument (extract's 4th argument).
type TypeRef struct {
	Type     string
	TypeSpan Span
}

// Pipe is Source | Op | Op ... The source is nil when the first operator
// produces rows by itself (a leading union).
type Pipe struct {
	Source Expr
	Ops    []Operator
}

func (x *Ident) Span() Span   { return x.NameSpan }
func (x *Literal) Span() Span { return x.ValSpan }
func (x *Paren) Span() Span   { return join(x.Lparen, x.Rparen) }
func (x *Unary) Span() Span   { return join(x.OpSpan, x.X.Span()) }
func (x *Binary) Span() Span  { return join(x.X.Span(), x.Y.Span()) }
func (x *In) Span() Span      { return join(x.X.Span(), x.Rparen) }
func (x *Between) Span() Span { return join(x.X.Span(), x.Rparen) }
func (x *Call) Span() Span    { return join(x.Func.NameSpan, x.Rparen) }
func (x *Star) Span() Span    { return x.StarSpan }
func (x *Path) Span() Span    { return join(x.X.Span(), x.Name.NameSpan) }
func (x *Index) Span() Span   { return join(x.X.Span(), x.Rbrack) }
func (x *Named) Span() Span   { return join(x.Name.NameSpan, x.X.Span()) }
func (x *TypeRef) Span() Span { return x.TypeSpan }
func (x *Pipe) Span() Span {
	var s Span
	if x.Source != nil {
		s = x.Source.Span()
	} else if len(x.Ops) > 0 {
		s = x.Ops[0].Span()
	}
	if len(x.Ops) > 0 {
		s = join(s, x.Ops[len(x.Ops)-1].Span())
	}
	return s
}

func (*Ident) expr()   {}
func (*Literal) expr() {}
func (*Paren) expr()   {}
func (*Unary) expr()   {}
func (*Binary) expr()  {}
func (*In) expr()      {}
func (*Between) expr() {}
func (*Call) expr()    {}
func (*Star) expr()    {}
func (*Path) expr()    {}
func (*Index) expr()   {}
func (*Named) expr()   {}
func (*TypeRef) expr() {}
func (*Pipe) expr()    {}

// A Statement is a let statement or a query expression.
type Statement interface {
	Node
	stmt()
}

// Let is let Name = X.
type Let struct {
	Keyword Span
	Name    *Ident
	X       Expr
}

// ExprStmt is a query expression statement.
type ExprStmt struct{ X Expr }

func (s *Let) Span() Span      { return join(s.Keyword, s.X.Span()) }
func (s *ExprStmt) Span() Span { return s.X.Span() }
func (*Let) stmt()             {}
func (*ExprStmt) stmt()        {}

// Query is a whole query: statements separated by ';'.
type Query struct {
	Stmts []Statement
}
