package parser

// colPattern parses a column name or a wildcard pattern: tokens of names and
// '*' written without spaces between them.
func (p *parser) colPattern() (*ColPattern, error) {
	t := p.tok()
	if t.Kind != TokStar && t.Kind != TokIdent {
		id, err := p.name()
		if err != nil {
			return nil, err
		}
		return &ColPattern{Name: id}, nil
	}
	text, span, wild := "", t.Span, false
	for first := true; ; first = false {
		t := p.tok()
		if !first && t.Span.Start != span.End {
			break
		}
		if t.Kind == TokStar {
			text += "*"
			wild = true
		} else if t.Kind == TokIdent && (first || text[len(text)-1] == '*') {
			text += t.Value
		} else {
			break
		}
		p.advance()
		span = join(span, t.Span)
	}
	return &ColPattern{Name: &Ident{Name: text, NameSpan: span}, Wildcard: wild}, nil
}

// colPatterns parses a list of column patterns; with ordered, each may be
// followed by asc, desc, granny-asc or granny-desc (project-reorder).
func (p *parser) colPatterns(ordered bool) ([]*ColPattern, error) {
	var cs []*ColPattern
	for {
		c, err := p.colPattern()
		if err != nil {
			return nil, err
		}
		if ordered {
			c.Order = p.columnOrder()
		}
		cs = append(cs, c)
		if !p.at(TokComma) {
			return cs, nil
		}
		p.advance()
	}
}

// columnOrder parses an optional asc, desc, granny-asc or granny-desc.
func (p *parser) columnOrder() string {
	switch {
	case p.atWord("asc") || p.atWord("desc"):
		return p.advance().Value
	case p.atWord("granny") && p.peek(1).Kind == TokMinus && p.peek(2).Kind == TokIdent &&
		p.peek(1).Span.Start == p.tok().Span.End && p.peek(2).Span.Start == p.peek(1).Span.End &&
		(p.peek(2).Value == "asc" || p.peek(2).Value == "desc"):
		p.advance()
		p.advance()
		return "granny-" + p.advance().Value
	}
	return ""
}

func parseProjectRename(p *parser, b OpBase) (Operator, error) {
	op := &ProjectRename{OpBase: b}
	for {
		if !p.isNamed() {
			return nil, p.fail("expected New = Old")
		}
		x, err := p.namedOrExpr()
		if err != nil {
			return nil, err
		}
		n, ok := x.(*Named)
		if !ok {
			return nil, errAt(p.src, x.Span(), "expected New = Old")
		}
		if _, ok := n.X.(*Ident); !ok {
			return nil, errAt(p.src, n.X.Span(), "expected a column name")
		}
		op.Pairs = append(op.Pairs, n)
		op.Last = n.Span()
		if !p.at(TokComma) {
			return op, nil
		}
		p.advance()
	}
}

func parseProjectReorder(p *parser, b OpBase) (Operator, error) {
	cs, err := p.colPatterns(true)
	if err != nil {
		return nil, err
	}
	b.Last = cs[len(cs)-1].Span()
	return &ProjectReorder{OpBase: b, Cols: cs}, nil
}

func parseProjectKeep(p *parser, b OpBase) (Operator, error) {
	cs, err := p.colPatterns(false)
	if err != nil {
		return nil, err
	}
	b.Last = cs[len(cs)-1].Span()
	return &ProjectKeep{OpBase: b, Cols: cs}, nil
}

func parseMvExpand(p *parser, b OpBase) (Operator, error) {
	op := &MvExpand{OpBase: b}
	ps, err := p.namedParams("kind", "bagexpansion", "with_itemindex")
	if err != nil {
		return nil, err
	}
	op.Params = ps
	items, err := p.mvExpandItems(&op.OpBase)
	if err != nil {
		return nil, err
	}
	op.Items = items
	if p.atWord("limit") {
		p.advance()
		n, err := p.additive()
		if err != nil {
			return nil, err
		}
		op.Limit, op.Last = n, n.Span()
	}
	return op, nil
}
