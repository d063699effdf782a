package parser

// TablePattern is a table name wildcard, a leg of union: Secure*, *Score*, *.
type TablePattern struct {
	Pattern string
	PatSpan Span
}

func (x *TablePattern) Span() Span { return x.PatSpan }
func (*TablePattern) expr()        {}

// unionOperand parses a leg of union: a table name wildcard, or what
// tabularOperand parses.
func (p *parser) unionOperand() (Expr, error) {
	t := p.tok()
	if t.Kind != TokStar && !(t.Kind == TokIdent && p.peek(1).Kind == TokStar && p.peek(1).Span.Start == t.Span.End) {
		return p.tabularOperand()
	}
	text, span := "", t.Span
	for first := true; ; first = false {
		t := p.tok()
		if !first && t.Span.Start != span.End {
			break
		}
		if t.Kind == TokStar {
			text += "*"
		} else if t.Kind == TokIdent && (first || text[len(text)-1] == '*') {
			text += t.Value
		} else {
			break
		}
		p.advance()
		span = join(span, t.Span)
	}
	return &TablePattern{Pattern: text, PatSpan: span}, nil
}
