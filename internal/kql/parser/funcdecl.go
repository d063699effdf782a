package parser

// FuncDecl is the value of a let statement that declares a function:
// (param: type, ...) { let ...; body }.
type FuncDecl struct {
	Lparen Span
	Params []*FuncParam
	// Body is the statements between the braces: let statements, then the
	// expression that is the function's value.
	Body   []Statement
	Rbrace Span
}

// FuncParam is one parameter of a FuncDecl: Name: type [= Default] for a
// scalar, Name: (*) or Name: (Col: type, ...) for a table.
type FuncParam struct {
	Name *Ident
	// Type is the scalar type as written (string, long ...); empty for a table.
	Type     string
	TypeSpan Span
	// Tabular marks a table parameter; Columns are the columns it must have,
	// and Open reports a '*' among them (any other columns are allowed).
	Tabular bool
	Columns []*ParamColumn
	Open    bool
	Default Expr // nil when the parameter has no default
}

// ParamColumn is a column a table parameter requires.
type ParamColumn struct {
	Name     *Ident
	Type     string
	TypeSpan Span
}

// Value returns the expression that is the function's value.
func (f *FuncDecl) Value() Expr { return f.Body[len(f.Body)-1].(*ExprStmt).X }

func (f *FuncDecl) Span() Span { return join(f.Lparen, f.Rbrace) }
func (*FuncDecl) expr()        {}

// funcDecl parses a function declaration after "let name =".
func (p *parser) funcDecl() (*FuncDecl, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	l, err := p.expect(TokLParen)
	if err != nil {
		return nil, err
	}
	f := &FuncDecl{Lparen: l.Span}
	for !p.at(TokRParen) {
		prm, err := p.param()
		if err != nil {
			return nil, err
		}
		f.Params = append(f.Params, prm)
		if !p.at(TokComma) {
			break
		}
		p.advance()
	}
	if _, err := p.expect(TokRParen); err != nil {
		return nil, err
	}
	if _, err := p.expect(TokLBrace); err != nil {
		return nil, err
	}
	for {
		st, err := p.statement()
		if err != nil {
			return nil, err
		}
		f.Body = append(f.Body, st)
		semi := p.at(TokSemi)
		if semi {
			p.advance()
		}
		if p.at(TokRBrace) {
			break
		}
		if _, isExpr := st.(*ExprStmt); isExpr || !semi {
			return nil, p.fail("expected '}'")
		}
	}
	if _, ok := f.Body[len(f.Body)-1].(*ExprStmt); !ok {
		return nil, errAt(p.src, p.tok().Span, "a function body must end with an expression, not a let statement")
	}
	f.Rbrace = p.advance().Span
	return f, nil
}

// param parses name: type [= default], name: (*) or name: (col: type, ...).
func (p *parser) param() (*FuncParam, error) {
	name, err := p.name()
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(TokColon); err != nil {
		return nil, err
	}
	prm := &FuncParam{Name: name}
	if p.at(TokLParen) {
		prm.Tabular = true
		p.advance()
		for !p.at(TokRParen) {
			if p.at(TokStar) {
				p.advance()
				prm.Open = true
			} else {
				col, err := p.name()
				if err != nil {
					return nil, err
				}
				if _, err := p.expect(TokColon); err != nil {
					return nil, err
				}
				typ, span, err := p.typeName()
				if err != nil {
					return nil, err
				}
				prm.Columns = append(prm.Columns, &ParamColumn{Name: col, Type: typ, TypeSpan: span})
			}
			if !p.at(TokComma) {
				break
			}
			p.advance()
		}
		if _, err := p.expect(TokRParen); err != nil {
			return nil, err
		}
		return prm, nil
	}
	if prm.Type, prm.TypeSpan, err = p.typeName(); err != nil {
		return nil, err
	}
	if p.at(TokAssign) {
		p.advance()
		if prm.Default, err = p.expr(); err != nil {
			return nil, err
		}
		if !literalValue(prm.Default) {
			return nil, errf(prm.Default.Span(), "The default value of parameter '%s' must be a literal scalar value", prm.Name.Name)
		}
	}
	return prm, nil
}

// literalValue reports whether x is a literal, possibly signed, as Kusto
// requires of a parameter's default value.
func literalValue(x Expr) bool {
	if u, ok := x.(*Unary); ok && (u.Op == "-" || u.Op == "+") {
		l, ok := u.X.(*Literal)
		return ok && (l.Kind == LitLong || l.Kind == LitInt || l.Kind == LitReal || l.Kind == LitTimespan)
	}
	_, ok := x.(*Literal)
	return ok
}

// typeName parses a scalar type name: string, long, datetime ...
func (p *parser) typeName() (string, Span, error) {
	t := p.tok()
	if t.Kind != TokIdent {
		return "", Span{}, p.fail("expected a type name")
	}
	p.advance()
	return t.Value, t.Span, nil
}

// Invoke is | invoke f(args): the input rows passed as f's first argument.
type Invoke struct {
	OpBase
	Call *Call
}

func parseInvoke(p *parser, b OpBase) (Operator, error) {
	t := p.tok()
	if t.Kind != TokIdent || p.peek(1).Kind != TokLParen {
		return nil, p.fail("expected a function call, as in invoke f()")
	}
	x, err := p.call()
	if err != nil {
		return nil, err
	}
	call := x.(*Call)
	b.Last = call.Span()
	return &Invoke{OpBase: b, Call: call}, nil
}
