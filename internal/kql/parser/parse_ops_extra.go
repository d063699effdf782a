package parser

// render, serialize, getschema, as, parse / parse-where and datatable.

func parseRender(p *parser, b OpBase) (Operator, error) {
	// Skip everything up to the end of the operator: the chart kind and any
	// "with (...)" properties.
	if p.tok().Kind != TokIdent {
		return nil, p.fail("expected a chart type, such as timechart or table")
	}
	depth := 0
	for {
		t := p.tok()
		switch t.Kind {
		case TokEOF:
			return &Render{OpBase: b}, nil
		case TokPipe, TokSemi:
			if depth == 0 {
				return &Render{OpBase: b}, nil
			}
		case TokLParen, TokLBrack, TokLBrace:
			depth++
		case TokRParen, TokRBrack, TokRBrace:
			if depth == 0 {
				return &Render{OpBase: b}, nil
			}
			depth--
		}
		p.advance()
		b.Last = t.Span
	}
}

func parseSerialize(p *parser, b OpBase) (Operator, error) {
	op := &Serialize{OpBase: b}
	if !p.atListEnd() {
		xs, err := p.exprList("")
		if err != nil {
			return nil, err
		}
		op.Cols = xs
		op.Last = lastSpan(xs, op.Last)
	}
	return op, nil
}

func parseGetSchema(p *parser, b OpBase) (Operator, error) {
	if p.atWord("kind") && p.peek(1).Kind == TokAssign {
		return nil, notSupported(p.tok().Span, "getschema kind= is not supported yet")
	}
	return &GetSchema{OpBase: b}, nil
}

func parseAs(p *parser, b OpBase) (Operator, error) {
	ps, err := p.params()
	if err != nil {
		return nil, err
	}
	id, err := p.name()
	if err != nil {
		return nil, err
	}
	b.Last = id.NameSpan
	return &As{OpBase: b, Params: ps, Table: id}, nil
}

func parseParse(p *parser, b OpBase) (Operator, error) {
	op := &ParseOp{OpBase: b}
	// Only parse's own options: kind= and flags=.
	for (p.atWord("kind") || p.atWord("flags")) && p.peek(1).Kind == TokAssign {
		name := p.advance()
		p.advance() // =
		v, err := p.paramValue()
		if err != nil {
			return nil, err
		}
		op.Params = append(op.Params, &Param{Name: &Ident{Name: name.Value, NameSpan: name.Span}, Value: v})
	}
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	op.X = x
	if _, err := p.expectWord("with"); err != nil {
		return nil, err
	}
	for !p.atListEnd() {
		t := p.tok()
		switch t.Kind {
		case TokStar:
			p.advance()
			op.Pattern = append(op.Pattern, &ParsePart{Star: true})
			op.Last = t.Span
		case TokString:
			lit, err := p.primary()
			if err != nil {
				return nil, err
			}
			l, ok := lit.(*Literal)
			if !ok {
				return nil, errAt(p.src, lit.Span(), "expected a string literal")
			}
			op.Pattern = append(op.Pattern, &ParsePart{Lit: l})
			op.Last = l.Span()
		default:
			id, err := p.name()
			if err != nil {
				return nil, err
			}
			part := &ParsePart{Col: id}
			op.Last = id.NameSpan
			if p.at(TokColon) {
				p.advance()
				tt := p.tok()
				if tt.Kind != TokIdent {
					return nil, p.fail("expected a type name")
				}
				p.advance()
				part.Type, part.TypeSpn = tt.Value, tt.Span
				op.Last = tt.Span
			}
			op.Pattern = append(op.Pattern, part)
		}
	}
	if len(op.Pattern) == 0 {
		return nil, p.fail("expected a parse pattern")
	}
	return op, nil
}

// atDataTable reports whether the tokens begin datatable (...).
func (p *parser) atDataTable() bool {
	return p.atWord("datatable") && p.peek(1).Kind == TokLParen
}

// dataTable parses datatable (Name:type, ...) [value, ...].
func (p *parser) dataTable() (*DataTable, error) {
	kw := p.advance()
	dt := &DataTable{Kw: kw.Span}
	p.advance() // (
	cols, err := p.schemaCols()
	if err != nil {
		return nil, err
	}
	dt.Cols = cols
	if _, err := p.expect(TokRParen); err != nil {
		return nil, err
	}
	if _, err := p.expect(TokLBrack); err != nil {
		return nil, err
	}
	for !p.at(TokRBrack) {
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		dt.Values = append(dt.Values, x)
		if !p.at(TokComma) {
			break
		}
		p.advance()
	}
	r, err := p.expect(TokRBrack)
	if err != nil {
		return nil, err
	}
	dt.Rbrack = r.Span
	return dt, nil
}

// schemaCols parses Name: type [, Name: type ...], the columns of a
// datatable or of an output schema, up to (not including) the closing ')'.
func (p *parser) schemaCols() ([]*DataTableCol, error) {
	var cols []*DataTableCol
	for {
		name, err := p.name()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(TokColon); err != nil {
			return nil, err
		}
		t := p.tok()
		if t.Kind != TokIdent {
			return nil, p.fail("expected a type name")
		}
		p.advance()
		cols = append(cols, &DataTableCol{Name: name, Type: t.Value})
		if !p.at(TokComma) {
			return cols, nil
		}
		p.advance()
	}
}
