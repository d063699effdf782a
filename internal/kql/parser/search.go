package parser

// Search is [T |] search [kind=K] [in (Tables)] Pred.
type Search struct {
	OpBase
	Params []*Param
	Tables []Expr // the in (...) list: names, wildcards or queries; nil without in
	Pred   Expr
}

func parseSearch(p *parser, b OpBase) (Operator, error) {
	ps, err := p.params()
	if err != nil {
		return nil, err
	}
	op := &Search{OpBase: b, Params: ps}
	if p.atWord("in") && p.peek(1).Kind == TokLParen {
		p.advance()
		p.advance()
		for {
			x, err := p.unionOperand()
			if err != nil {
				return nil, err
			}
			op.Tables = append(op.Tables, x)
			if !p.at(TokComma) {
				break
			}
			p.advance()
		}
		if _, err := p.expect(TokRParen); err != nil {
			return nil, err
		}
	}
	if op.Pred, err = p.expr(); err != nil {
		return nil, err
	}
	if p.at(TokColon) {
		return nil, notSupported(op.Pred.Span(), "search predicates of the form Column:\"term\" are not supported yet")
	}
	op.Last = op.Pred.Span()
	return op, nil
}
