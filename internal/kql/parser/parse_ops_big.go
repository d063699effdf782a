package parser

import "slices"

// namedParams parses the options Name = Value whose names are among names,
// and stops at any other "Name = X", which is not an option but an item
// (mv-expand Entity = parse_json(Entities)).
func (p *parser) namedParams(names ...string) ([]*Param, error) {
	var ps []*Param
	for p.tok().Kind == TokIdent && slices.Contains(names, p.tok().Value) && p.peek(1).Kind == TokAssign {
		name := p.advance()
		p.advance() // =
		v, err := p.paramValue()
		if err != nil {
			return nil, err
		}
		ps = append(ps, &Param{Name: &Ident{Name: name.Value, NameSpan: name.Span}, Value: v})
	}
	return ps, nil
}

// mvExpandItems parses the [Name =] X [to typeof(T)], ... list of mv-expand
// and mv-apply.
func (p *parser) mvExpandItems(b *OpBase) ([]*MvExpandItem, error) {
	var items []*MvExpandItem
	for {
		x, err := p.namedOrExpr()
		if err != nil {
			return nil, err
		}
		it := &MvExpandItem{X: x}
		b.Last = x.Span()
		if p.atWord("to") {
			p.advance()
			if !p.atWord("typeof") || p.peek(1).Kind != TokLParen {
				return nil, p.fail("expected typeof(type)")
			}
			tr, err := p.typeRef()
			if err != nil {
				return nil, err
			}
			it.ToType = tr.(*TypeRef)
			b.Last = tr.Span()
		}
		items = append(items, it)
		if !p.at(TokComma) {
			return items, nil
		}
		p.advance()
	}
}

func parseMvApply(p *parser, b OpBase) (Operator, error) {
	op := &MvApply{OpBase: b}
	ps, err := p.namedParams("with_itemindex", "kind")
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
		if op.Limit, err = p.additive(); err != nil {
			return nil, err
		}
	}
	if _, err := p.expectWord("on"); err != nil {
		return nil, err
	}
	sub, rparen, err := p.subPipe()
	if err != nil {
		return nil, err
	}
	op.Sub, op.Last = sub, rparen
	return op, nil
}

// subPipe parses ( op | op ... ), a pipe whose source is implicit.
func (p *parser) subPipe() (*Pipe, Span, error) {
	if err := p.enter(); err != nil {
		return nil, Span{}, err
	}
	defer p.leave()
	if _, err := p.expect(TokLParen); err != nil {
		return nil, Span{}, err
	}
	first, err := p.operator()
	if err != nil {
		return nil, Span{}, err
	}
	x, err := p.pipeOps(nil, []Operator{first})
	if err != nil {
		return nil, Span{}, err
	}
	r, err := p.expect(TokRParen)
	if err != nil {
		return nil, Span{}, err
	}
	return x.(*Pipe), r.Span, nil
}

func parseLookup(p *parser, b OpBase) (Operator, error) {
	j, err := parseJoin(p, b)
	if err != nil {
		return nil, err
	}
	jj := j.(*Join)
	return &Lookup{OpBase: jj.OpBase, Params: jj.Params, Right: jj.Right, On: jj.On}, nil
}

func parseMakeSeries(p *parser, b OpBase) (Operator, error) {
	op := &MakeSeries{OpBase: b}
	// Only make-series' own options: "Name = Agg" is an aggregate.
	for p.atWord("kind") && p.peek(1).Kind == TokAssign || p.atWord("hint") && p.peek(1).Kind == TokDot {
		first := p.advance()
		name := first.Value
		for p.at(TokDot) {
			p.advance()
			if !p.at(TokIdent) {
				return nil, p.fail("expected an option name")
			}
			name += "." + p.advance().Value
		}
		if _, err := p.expect(TokAssign); err != nil {
			return nil, err
		}
		v, err := p.paramValue()
		if err != nil {
			return nil, err
		}
		op.Params = append(op.Params, &Param{Name: &Ident{Name: name, NameSpan: first.Span}, Value: v})
	}
	var err error
	for {
		x, err := p.namedOrExpr()
		if err != nil {
			return nil, err
		}
		a := &SeriesAgg{X: x}
		if p.atWord("default") && p.peek(1).Kind == TokAssign {
			p.advance()
			p.advance()
			if a.Default, err = p.additive(); err != nil {
				return nil, err
			}
		}
		op.Aggs = append(op.Aggs, a)
		if !p.at(TokComma) {
			break
		}
		p.advance()
	}
	if _, err := p.expectWord("on"); err != nil {
		return nil, err
	}
	if op.Axis, err = p.additive(); err != nil {
		return nil, err
	}
	op.Last = op.Axis.Span()
	if p.atWord("in") && p.peek(1).Kind == TokIdent && p.peek(1).Value == "range" && p.peek(2).Kind == TokLParen {
		p.advance()
		x, err := p.postfix()
		if err != nil {
			return nil, err
		}
		call, ok := x.(*Call)
		if !ok || len(call.Args) != 3 {
			return nil, errAt(p.src, x.Span(), "expected range(start, stop, step)")
		}
		op.From, op.To, op.Step, op.InRange = call.Args[0], call.Args[1], call.Args[2], true
		op.Last = call.Span()
	} else {
		if p.atWord("from") {
			p.advance()
			if op.From, err = p.additive(); err != nil {
				return nil, err
			}
		}
		if p.atWord("to") {
			p.advance()
			if op.To, err = p.additive(); err != nil {
				return nil, err
			}
		}
		if _, err := p.expectWord("step"); err != nil {
			return nil, err
		}
		if op.Step, err = p.additive(); err != nil {
			return nil, err
		}
		op.Last = op.Step.Span()
	}
	if p.atWord("by") {
		p.advance()
		by, err := p.exprList("")
		if err != nil {
			return nil, err
		}
		op.By = by
		op.Last = lastSpan(by, op.Last)
	}
	return op, nil
}

func parseTopNested(p *parser, b OpBase) (Operator, error) {
	op := &TopNested{OpBase: b}
	kw := b.KwSpan
	for {
		lv := &NestedLevel{Kw: kw}
		if !p.atWord("of") {
			n, err := p.additive()
			if err != nil {
				return nil, err
			}
			lv.N = n
		}
		if _, err := p.expectWord("of"); err != nil {
			return nil, err
		}
		of, err := p.namedOrExpr()
		if err != nil {
			return nil, err
		}
		lv.Of = of
		if p.atWord("with") {
			p.advance()
			if _, err := p.expectWord("others"); err != nil {
				return nil, err
			}
			if _, err := p.expect(TokAssign); err != nil {
				return nil, err
			}
			if lv.Others, err = p.additive(); err != nil {
				return nil, err
			}
		}
		if _, err := p.expectWord("by"); err != nil {
			return nil, err
		}
		by, err := p.namedOrExpr()
		if err != nil {
			return nil, err
		}
		lv.By = by
		op.Last = by.Span()
		if p.atWord("asc") || p.atWord("desc") {
			w := p.advance()
			lv.Asc = w.Value == "asc"
			op.Last = w.Span
		}
		op.Levels = append(op.Levels, lv)
		if !p.at(TokComma) {
			return op, nil
		}
		p.advance()
		// The next level repeats the keyword: , top-nested ...
		if !p.atWord("top") || p.peek(1).Kind != TokMinus || p.peek(2).Kind != TokIdent || p.peek(2).Value != "nested" {
			return nil, p.fail("expected 'top-nested'")
		}
		kw = join(p.advance().Span, p.advance().Span)
		kw = join(kw, p.advance().Span)
	}
}

func parseEvaluate(p *parser, b OpBase) (Operator, error) {
	ps, err := p.params()
	if err != nil {
		return nil, err
	}
	x, err := p.postfix()
	if err != nil {
		return nil, err
	}
	call, ok := x.(*Call)
	if !ok {
		return nil, errAt(p.src, x.Span(), "expected a plugin call, such as bag_unpack(Column)")
	}
	op := &Evaluate{OpBase: b, Params: ps, Plugin: call}
	op.Last = call.Span()
	if !p.at(TokColon) {
		return op, nil
	}
	p.advance()
	if _, err := p.expect(TokLParen); err != nil {
		return nil, err
	}
	op.HasSchema = true
	if p.at(TokStar) {
		p.advance()
		op.SchemaStar = true
		if !p.at(TokRParen) {
			if _, err := p.expect(TokComma); err != nil {
				return nil, err
			}
		}
	}
	if !p.at(TokRParen) {
		cols, err := p.schemaCols()
		if err != nil {
			return nil, err
		}
		op.Schema = append(op.Schema, cols...)
	}
	r, err := p.expect(TokRParen)
	if err != nil {
		return nil, err
	}
	op.Last = r.Span
	return op, nil
}

func parsePartition(p *parser, b OpBase) (Operator, error) {
	ps, err := p.params()
	if err != nil {
		return nil, err
	}
	if _, err := p.expectWord("by"); err != nil {
		return nil, err
	}
	by, err := p.name()
	if err != nil {
		return nil, err
	}
	op := &Partition{OpBase: b, Params: ps, By: by}
	op.Last = by.NameSpan
	if p.at(TokLBrace) {
		return nil, notSupported(p.tok().Span, "partition by Column { ... } (a subquery with its own source) is not supported yet; write partition by Column ( ... )")
	}
	sub, rparen, err := p.subPipe()
	if err != nil {
		return nil, err
	}
	op.Sub, op.Last = sub, rparen
	return op, nil
}
