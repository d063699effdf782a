package parser

// Print is print [Name =] X, ...: a source of one row of scalar values.
type Print struct {
	Kw   Span
	Cols []Expr // each an Expr or a *Named
}

// Range is range Name from From to To step Step: a source of one column of
// values from From to To (inclusive), Step apart.
type Range struct {
	Kw             Span
	Name           *Ident
	From, To, Step Expr
}

func (x *Print) Span() Span { return join(x.Kw, lastSpan(x.Cols, x.Kw)) }
func (x *Range) Span() Span { return join(x.Kw, x.Step.Span()) }
func (*Print) expr()        {}
func (*Range) expr()        {}

// atPrint reports whether the tokens begin print with an argument.
func (p *parser) atPrint() bool {
	if !p.atWord("print") {
		return false
	}
	switch p.peek(1).Kind {
	case TokEOF, TokPipe, TokSemi, TokRParen, TokComma, TokAssign, TokDot:
		return false
	}
	return true
}

// atTabularSource reports whether the tokens begin a tabular expression
// with a source operator rather than a table: print, range, datatable or
// union.
func (p *parser) atTabularSource() bool {
	return p.atPrint() || p.atRange() || p.atDataTable() || p.atWord("union") && startsOperand(p.peek(1).Kind)
}

// atRange reports whether the tokens begin range Name from.
func (p *parser) atRange() bool {
	return p.atWord("range") && p.peek(1).Kind == TokIdent && p.peek(2).Kind == TokIdent && p.peek(2).Value == "from"
}

func (p *parser) print() (*Print, error) {
	kw := p.advance()
	xs, err := p.exprList("")
	if err != nil {
		return nil, err
	}
	return &Print{Kw: kw.Span, Cols: xs}, nil
}

func (p *parser) rangeSource() (*Range, error) {
	kw := p.advance()
	name, err := p.name()
	if err != nil {
		return nil, err
	}
	r := &Range{Kw: kw.Span, Name: name}
	for _, part := range []struct {
		word string
		x    *Expr
	}{{"from", &r.From}, {"to", &r.To}, {"step", &r.Step}} {
		if _, err := p.expectWord(part.word); err != nil {
			return nil, err
		}
		x, err := p.additive()
		if err != nil {
			return nil, err
		}
		*part.x = x
	}
	return r, nil
}
