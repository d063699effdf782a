package parser

import "fmt"

// opParser parses what follows an operator's keyword.
type opParser func(p *parser, base OpBase) (Operator, error)

// operatorParsers maps each supported operator keyword to its parser. Adding
// an operator is one entry here plus its compiler in package kql.
var operatorParsers map[string]opParser

func init() {
	operatorParsers = map[string]opParser{
		"where":           parseWhere,
		"filter":          parseWhere,
		"extend":          parseExtend,
		"project":         parseProject,
		"project-away":    parseProjectAway,
		"summarize":       parseSummarize,
		"order":           parseSort,
		"sort":            parseSort,
		"take":            parseTake,
		"sample":          parseTake, // sample N: a Take named sample
		"limit":           parseTake,
		"top":             parseTop,
		"distinct":        parseDistinct,
		"count":           parseCount,
		"union":           func(p *parser, b OpBase) (Operator, error) { return p.unionRest(b) },
		"join":            parseJoin,
		"project-rename":  parseProjectRename,
		"project-reorder": parseProjectReorder,
		"project-keep":    parseProjectKeep,
		"mv-expand":       parseMvExpand,
		"mvexpand":        parseMvExpand,
		"render":          parseRender,
		"serialize":       parseSerialize,
		"getschema":       parseGetSchema,
		"invoke":          parseInvoke,
		"as":              parseAs,
		"parse":           parseParse,
		"parse-where":     parseParse,
		"mv-apply":        parseMvApply,
		"mvapply":         parseMvApply,
		"lookup":          parseLookup,
		"make-series":     parseMakeSeries,
		"top-nested":      parseTopNested,
		"evaluate":        parseEvaluate,
		"search":          parseSearch,
		"partition":       parsePartition,
	}
}

// unsupportedOperators are Kusto operators that secexport does not run yet;
// naming them gives a clear error instead of a puzzling syntax error.
var unsupportedOperators = map[string]bool{}

func init() {
	for _, op := range []string{
		"consume", "extend-schema", "facet", "find", "fork",
		"invoke",
		"parse-kv", "print",
		"range", "reduce",
		"sample-distinct", "scan", "search", "top-hitters",
		"externaldata", "macro-expand", "assert-schema", "execute-and-cache",
		"graph-match", "make-graph", "graph-to-table", "graph-merge", "graph-shortest-paths",
		"project-smart", "sql",
	} {
		unsupportedOperators[op] = true
	}
}

// operator parses one operator after '|'.
func (p *parser) operator() (Operator, error) {
	t := p.tok()
	if t.Kind != TokIdent {
		return nil, p.fail("expected a query operator")
	}
	p.advance()
	name, span := t.Value, t.Span
	// Hyphenated keywords (project-away, mv-expand) are written without spaces.
	for p.at(TokMinus) && p.tok().Span.Start == span.End && p.peek(1).Kind == TokIdent && p.peek(1).Span.Start == p.tok().Span.End {
		p.advance()
		w := p.advance()
		name += "-" + w.Value
		span = join(span, w.Span)
	}
	base := OpBase{Keyword: name, KwSpan: span, Last: span}
	if parse, ok := operatorParsers[name]; ok {
		return parse(p, base)
	}
	if unsupportedOperators[name] {
		return nil, notSupported(span, "the '%s' operator is not supported yet", name)
	}
	return nil, errAt(p.src, span, fmt.Sprintf("unknown query operator '%s'", name))
}

// atListEnd reports whether the current token ends an operator's arguments.
func (p *parser) atListEnd() bool {
	switch p.tok().Kind {
	case TokEOF, TokPipe, TokSemi, TokRParen:
		return true
	}
	return false
}

// exprList parses a comma separated list of Name = X or X, stopping before
// the word stop (if not "").
func (p *parser) exprList(stop string) ([]Expr, error) {
	var xs []Expr
	for {
		if p.atListEnd() || stop != "" && p.atWord(stop) {
			return nil, p.fail("expected an expression")
		}
		x, err := p.namedOrExpr()
		if err != nil {
			return nil, err
		}
		xs = append(xs, x)
		if !p.at(TokComma) {
			return xs, nil
		}
		p.advance()
	}
}

func lastSpan(xs []Expr, def Span) Span {
	if len(xs) == 0 {
		return def
	}
	return xs[len(xs)-1].Span()
}

func parseWhere(p *parser, b OpBase) (Operator, error) {
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	b.Last = x.Span()
	return &Where{OpBase: b, Pred: x}, nil
}

func parseExtend(p *parser, b OpBase) (Operator, error) {
	xs, err := p.exprList("")
	if err != nil {
		return nil, err
	}
	b.Last = lastSpan(xs, b.Last)
	return &Extend{OpBase: b, Cols: xs}, nil
}

func parseProject(p *parser, b OpBase) (Operator, error) {
	xs, err := p.exprList("")
	if err != nil {
		return nil, err
	}
	b.Last = lastSpan(xs, b.Last)
	return &Project{OpBase: b, Cols: xs}, nil
}

func parseProjectAway(p *parser, b OpBase) (Operator, error) {
	op := &ProjectAway{OpBase: b}
	for {
		c, err := p.colPattern()
		if err != nil {
			return nil, err
		}
		op.Cols = append(op.Cols, c)
		op.Last = c.Span()
		if !p.at(TokComma) {
			return op, nil
		}
		p.advance()
	}
}

func parseSummarize(p *parser, b OpBase) (Operator, error) {
	op := &Summarize{OpBase: b}
	if p.atWord("hint") && p.peek(1).Kind == TokDot {
		// Hints say how Kusto spreads the work, not what it answers: they
		// are read and have no effect here.
		for p.atWord("hint") && p.peek(1).Kind == TokDot && p.peek(2).Kind == TokIdent && p.peek(3).Kind == TokAssign {
			first := p.advance()
			p.advance() // .
			name := "hint." + p.advance().Value
			p.advance() // =
			if _, err := p.paramValue(); err != nil {
				return nil, err
			}
			switch name {
			case "hint.shufflekey", "hint.strategy", "hint.num_partitions":
			default:
				return nil, notSupported(first.Span, "the summarize option '%s' is not supported", name)
			}
		}
	}
	if !p.atWord("by") {
		aggs, err := p.exprList("by")
		if err != nil {
			return nil, err
		}
		op.Aggs = aggs
		op.Last = lastSpan(aggs, op.Last)
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
	if op.Aggs == nil && op.By == nil {
		return nil, p.fail("expected an aggregate or 'by'")
	}
	return op, nil
}

func (p *parser) sortTerm() (*SortTerm, error) {
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	t := &SortTerm{X: x, Last: x.Span()}
	if p.atWord("asc") || p.atWord("desc") {
		w := p.advance()
		t.Asc = w.Value == "asc"
		t.Last = w.Span
	}
	t.NullsFirst = t.Asc
	if p.atWord("nulls") {
		p.advance()
		if !p.atWord("first") && !p.atWord("last") {
			return nil, p.fail("expected 'first' or 'last'")
		}
		w := p.advance()
		t.NullsFirst, t.NullsSet, t.Last = w.Value == "first", true, w.Span
	}
	return t, nil
}

func parseSort(p *parser, b OpBase) (Operator, error) {
	if _, err := p.expectWord("by"); err != nil {
		return nil, err
	}
	op := &Sort{OpBase: b}
	for {
		t, err := p.sortTerm()
		if err != nil {
			return nil, err
		}
		op.Terms = append(op.Terms, t)
		op.Last = t.Last
		if !p.at(TokComma) {
			return op, nil
		}
		p.advance()
	}
}

func parseTake(p *parser, b OpBase) (Operator, error) {
	n, err := p.expr()
	if err != nil {
		return nil, err
	}
	b.Last = n.Span()
	return &Take{OpBase: b, N: n}, nil
}

func parseTop(p *parser, b OpBase) (Operator, error) {
	n, err := p.additive()
	if err != nil {
		return nil, err
	}
	if _, err := p.expectWord("by"); err != nil {
		return nil, err
	}
	t, err := p.sortTerm()
	if err != nil {
		return nil, err
	}
	b.Last = t.Last
	return &Top{OpBase: b, N: n, By: t}, nil
}

func parseDistinct(p *parser, b OpBase) (Operator, error) {
	if p.at(TokStar) {
		s := p.advance()
		b.Last = s.Span
		return &Distinct{OpBase: b, Cols: []Expr{&Star{StarSpan: s.Span}}}, nil
	}
	xs, err := p.exprList("")
	if err != nil {
		return nil, err
	}
	b.Last = lastSpan(xs, b.Last)
	return &Distinct{OpBase: b, Cols: xs}, nil
}

func parseCount(p *parser, b OpBase) (Operator, error) { return &Count{OpBase: b}, nil }

// params parses name=value options (kind=inner, withsource=T, hint.strategy=broadcast).
func (p *parser) params() ([]*Param, error) {
	var ps []*Param
	for p.tok().Kind == TokIdent {
		n := 1
		for p.peek(n).Kind == TokDot && p.peek(n+1).Kind == TokIdent {
			n += 2
		}
		if p.peek(n).Kind != TokAssign {
			return ps, nil
		}
		first := p.tok()
		name := first.Value
		p.advance()
		for p.at(TokDot) {
			p.advance()
			name += "." + p.advance().Value
		}
		p.advance() // =
		v, err := p.paramValue()
		if err != nil {
			return nil, err
		}
		ps = append(ps, &Param{Name: &Ident{Name: name, NameSpan: join(first.Span, first.Span)}, Value: v})
	}
	return ps, nil
}

// unionOp parses a union after its keyword token.
func (p *parser) unionOp(kw Token) (Operator, error) {
	return p.unionRest(OpBase{Keyword: "union", KwSpan: kw.Span, Last: kw.Span})
}

func (p *parser) unionRest(b OpBase) (Operator, error) {
	ps, err := p.params()
	if err != nil {
		return nil, err
	}
	op := &Union{OpBase: b, Params: ps}
	for {
		x, err := p.unionOperand()
		if err != nil {
			return nil, err
		}
		op.Tables = append(op.Tables, x)
		op.Last = x.Span()
		if !p.at(TokComma) {
			return op, nil
		}
		p.advance()
	}
}

// tabularOperand parses a table name or a parenthesised query.
func (p *parser) tabularOperand() (Expr, error) {
	x, err := p.postfix()
	if err != nil {
		return nil, err
	}
	if id, ok := x.(*Ident); ok && p.at(TokStar) && p.tok().Span.Start == id.NameSpan.End {
		return nil, notSupported(join(id.NameSpan, p.tok().Span), "table name wildcards (%s*) are not supported yet", id.Name)
	}
	return x, nil
}

func parseJoin(p *parser, b OpBase) (Operator, error) {
	ps, err := p.params()
	if err != nil {
		return nil, err
	}
	right, err := p.tabularOperand()
	if err != nil {
		return nil, err
	}
	op := &Join{OpBase: b, Params: ps, Right: right}
	if _, err := p.expectWord("on"); err != nil {
		return nil, err
	}
	for {
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		op.On = append(op.On, x)
		op.Last = x.Span()
		if !p.at(TokComma) {
			return op, nil
		}
		p.advance()
	}
}

// paramValue parses an option's value: a single word or literal, never a call
// (in "kind=inner (T)", the parenthesis belongs to the operand).
func (p *parser) paramValue() (Expr, error) {
	t := p.tok()
	switch t.Kind {
	case TokIdent:
		p.advance()
		return &Ident{Name: t.Value, NameSpan: t.Span}, nil
	case TokString, TokLong, TokReal:
		return p.primary()
	}
	return nil, p.fail("expected an option value")
}
