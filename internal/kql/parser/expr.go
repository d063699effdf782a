package parser

import (
	"strings"
)

// wordOps are the comparison-level operators spelled as words.
var wordOps = map[string]bool{}

func init() {
	for _, w := range []string{"has", "hasprefix", "hassuffix", "contains", "startswith", "endswith"} {
		for _, v := range []string{w, "!" + w, w + "_cs", "!" + w + "_cs"} {
			wordOps[v] = true
		}
	}
	for _, w := range []string{"like", "notlike", "likecs", "notlikecs"} {
		wordOps[w] = true
	}
}

// listOps take a parenthesised list on the right: X in ("a", "b").
var listOps = map[string]bool{"in": true, "!in": true, "in~": true, "!in~": true, "has_any": true, "has_all": true}

var symbolOps = map[TokenKind]string{
	TokEq: "==", TokNe: "!=", TokLtGt: "!=", TokLt: "<", TokLe: "<=", TokGt: ">", TokGe: ">=",
	TokEqTilde: "=~", TokBangTilde: "!~",
}

func (p *parser) expr() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	return p.logical("or", func() (Expr, error) { return p.logical("and", p.comparison) })
}

func (p *parser) logical(word string, operand func() (Expr, error)) (Expr, error) {
	x, err := operand()
	if err != nil {
		return nil, err
	}
	for p.atWord(word) {
		op := p.advance()
		y, err := operand()
		if err != nil {
			return nil, err
		}
		x = &Binary{X: x, Op: word, OpSpan: op.Span, Y: y}
	}
	return x, nil
}

func (p *parser) comparison() (Expr, error) {
	var x Expr
	var err error
	if p.at(TokStar) && p.peek(1).Kind == TokIdent && wordOps[p.peek(1).Value] {
		// where * has "term": a term in any column.
		x = &Star{StarSpan: p.advance().Span}
	} else if x, err = p.additive(); err != nil {
		return nil, err
	}
	for {
		t := p.tok()
		switch {
		case symbolOps[t.Kind] != "":
			p.advance()
			y, err := p.additive()
			if err != nil {
				return nil, err
			}
			x = &Binary{X: x, Op: symbolOps[t.Kind], OpSpan: t.Span, Y: y}
		case t.Kind == TokIdent && wordOps[t.Value]:
			p.advance()
			y, err := p.additive()
			if err != nil {
				return nil, err
			}
			x = &Binary{X: x, Op: t.Value, OpSpan: t.Span, Y: y}
		case t.Kind == TokIdent && (t.Value == "matches" || t.Value == "!matches") && p.peek(1).Kind == TokIdent && p.peek(1).Value == "regex":
			p.advance()
			re := p.advance()
			y, err := p.additive()
			if err != nil {
				return nil, err
			}
			x = &Binary{X: x, Op: t.Value + " regex", OpSpan: join(t.Span, re.Span), Y: y}
		case t.Kind == TokIdent && listOps[t.Value]:
			p.advance()
			if x, err = p.inList(x, t); err != nil {
				return nil, err
			}
		case t.Kind == TokIdent && (t.Value == "between" || t.Value == "!between"):
			p.advance()
			if x, err = p.between(x, t); err != nil {
				return nil, err
			}
		default:
			return x, nil
		}
	}
}

func (p *parser) inList(x Expr, op Token) (Expr, error) {
	if _, err := p.expect(TokLParen); err != nil {
		return nil, err
	}
	in := &In{X: x, Op: op.Value, OpSpan: op.Span}
	for {
		e, err := p.pipe()
		if err != nil {
			return nil, err
		}
		in.List = append(in.List, e)
		if !p.at(TokComma) {
			break
		}
		p.advance()
	}
	r, err := p.expect(TokRParen)
	if err != nil {
		return nil, err
	}
	in.Rparen = r.Span
	return in, nil
}

func (p *parser) between(x Expr, op Token) (Expr, error) {
	if _, err := p.expect(TokLParen); err != nil {
		return nil, err
	}
	lo, err := p.additive()
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(TokDotDot); err != nil {
		return nil, err
	}
	hi, err := p.additive()
	if err != nil {
		return nil, err
	}
	r, err := p.expect(TokRParen)
	if err != nil {
		return nil, err
	}
	return &Between{X: x, Not: op.Value == "!between", OpSpan: op.Span, Lo: lo, Hi: hi, Rparen: r.Span}, nil
}

func (p *parser) additive() (Expr, error) {
	return p.binaryLevel(map[TokenKind]string{TokPlus: "+", TokMinus: "-"}, p.multiplicative)
}

func (p *parser) multiplicative() (Expr, error) {
	return p.binaryLevel(map[TokenKind]string{TokStar: "*", TokSlash: "/", TokPercent: "%"}, p.unary)
}

func (p *parser) binaryLevel(ops map[TokenKind]string, operand func() (Expr, error)) (Expr, error) {
	x, err := operand()
	if err != nil {
		return nil, err
	}
	for ops[p.tok().Kind] != "" {
		op := p.advance()
		y, err := operand()
		if err != nil {
			return nil, err
		}
		x = &Binary{X: x, Op: ops[op.Kind], OpSpan: op.Span, Y: y}
	}
	return x, nil
}

func (p *parser) unary() (Expr, error) {
	if p.at(TokMinus) || p.at(TokPlus) {
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer p.leave()
		op := p.advance()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		// Fold the sign into a numeric literal so that -5 is a long literal.
		if lit, ok := x.(*Literal); ok && op.Kind == TokMinus && !lit.Null &&
			(lit.Kind == LitLong || lit.Kind == LitReal || lit.Kind == LitTimespan) && lit.ValSpan.Start == op.Span.End {
			neg := *lit
			neg.ValSpan = join(op.Span, lit.ValSpan)
			if lit.Kind == LitTimespan {
				neg.Ticks = -lit.Ticks
			} else {
				neg.Text = "-" + lit.Text
			}
			return &neg, nil
		}
		return &Unary{Op: op.Value, OpSpan: op.Span, X: x}, nil
	}
	return p.postfix()
}

func (p *parser) postfix() (Expr, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.at(TokDot) && p.peek(1).Kind == TokLBrack:
			p.advance() // x.["key"] is x["key"]
		case p.at(TokDot):
			p.advance()
			name, err := p.memberName()
			if err != nil {
				return nil, err
			}
			x = &Path{X: x, Name: name}
		case p.at(TokLBrack):
			p.advance()
			i, err := p.expr()
			if err != nil {
				return nil, err
			}
			r, err := p.expect(TokRBrack)
			if err != nil {
				return nil, err
			}
			x = &Index{X: x, I: i, Rbrack: r.Span}
		default:
			return x, nil
		}
	}
}

// memberName parses the name after '.', where keywords are plain names.
func (p *parser) memberName() (*Ident, error) {
	t := p.tok()
	if t.Kind == TokRaw { // x.time(...) cannot happen; x.time is a name
		return nil, p.fail("expected a name")
	}
	if t.Kind == TokIdent && !strings.HasPrefix(t.Value, "!") && !strings.HasPrefix(t.Value, "$") {
		p.advance()
		return &Ident{Name: t.Value, NameSpan: t.Span}, nil
	}
	return p.name()
}

func (p *parser) primary() (Expr, error) {
	t := p.tok()
	switch t.Kind {
	case TokString:
		p.advance()
		lit := &Literal{Kind: LitString, Text: t.Value, ValSpan: t.Span}
		for p.at(TokString) { // "a" "b" is "ab"
			s := p.advance()
			lit.Text += s.Value
			lit.ValSpan = join(lit.ValSpan, s.Span)
		}
		return lit, nil
	case TokLong:
		p.advance()
		return &Literal{Kind: LitLong, Text: t.Value, ValSpan: t.Span}, nil
	case TokReal:
		p.advance()
		return &Literal{Kind: LitReal, Text: t.Value, ValSpan: t.Span}, nil
	case TokTimespan:
		p.advance()
		return &Literal{Kind: LitTimespan, Ticks: t.Ticks, Text: t.Value, ValSpan: t.Span}, nil
	case TokRaw:
		p.advance()
		return p.rawLiteral(t)
	case TokLParen:
		p.advance()
		x, err := p.pipe()
		if err != nil {
			return nil, err
		}
		r, err := p.expect(TokRParen)
		if err != nil {
			return nil, err
		}
		return &Paren{X: x, Lparen: t.Span, Rparen: r.Span}, nil
	case TokLBrack:
		return p.name()
	case TokIdent:
		return p.identOrCall()
	}
	if t.Kind == TokEOF {
		return nil, p.fail("expected an expression")
	}
	return nil, p.fail("")
}

func (p *parser) identOrCall() (Expr, error) {
	t := p.tok()
	if strings.HasPrefix(t.Value, "!") || wordOps[t.Value] || listOps[t.Value] {
		return nil, p.fail("expected an expression")
	}
	switch strings.ToLower(t.Value) {
	case "true", "false":
		p.advance()
		return &Literal{Kind: LitBool, Text: strings.ToLower(t.Value), ValSpan: t.Span}, nil
	}
	if p.peek(1).Kind != TokLParen {
		p.advance()
		return &Ident{Name: t.Value, NameSpan: t.Span}, nil
	}
	switch t.Value {
	case "dynamic":
		return p.dynamicLiteral()
	case "long", "int", "real", "double", "bool", "boolean", "decimal":
		return p.typedLiteral()
	case "typeof":
		return p.typeRef()
	}
	return p.call()
}

func (p *parser) call() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.advance()
	p.advance() // (
	c := &Call{Func: &Ident{Name: t.Value, NameSpan: t.Span}}
	for !p.at(TokRParen) {
		var arg Expr
		var err error
		if p.at(TokStar) {
			s := p.advance()
			arg = &Star{StarSpan: s.Span}
		} else if p.atTabularSource() {
			// toscalar(print x = 1), materialize(range ...): a tabular
			// argument that begins with a source operator.
			if arg, err = p.pipe(); err != nil {
				return nil, err
			}
		} else if arg, err = p.namedOrExpr(); err != nil {
			return nil, err
		}
		if p.at(TokPipe) { // toscalar(T | count): a tabular argument
			if arg, err = p.pipeFrom(arg); err != nil {
				return nil, err
			}
		}
		c.Args = append(c.Args, arg)
		if !p.at(TokComma) {
			break
		}
		p.advance()
	}
	r, err := p.expect(TokRParen)
	if err != nil {
		return nil, err
	}
	c.Rparen = r.Span
	return c, nil
}

// namedOrExpr parses "Name = X" or X.
func (p *parser) namedOrExpr() (Expr, error) {
	if p.isNamed() {
		name, err := p.name()
		if err != nil {
			return nil, err
		}
		p.advance() // =
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		return &Named{Name: name, X: x}, nil
	}
	if p.at(TokLParen) && p.peek(1).Kind == TokIdent && (p.peek(2).Kind == TokComma) {
		// (a, b) = f(...): tuple assignment, used by functions returning several columns.
		for i := 2; p.peek(i).Kind != TokEOF; i++ {
			if p.peek(i).Kind == TokRParen {
				if p.peek(i+1).Kind == TokAssign {
					return nil, notSupported(p.tok().Span, "assigning several column names at once ((a, b) = ...) is not supported yet")
				}
				break
			}
		}
	}
	return p.expr()
}

func (p *parser) isNamed() bool {
	t := p.tok()
	if t.Kind == TokIdent && !strings.HasPrefix(t.Value, "!") {
		return p.peek(1).Kind == TokAssign
	}
	return t.Kind == TokLBrack && p.peek(1).Kind == TokString && p.peek(2).Kind == TokRBrack && p.peek(3).Kind == TokAssign
}

func (p *parser) typeRef() (Expr, error) {
	kw := p.advance()
	p.advance() // (
	name := p.tok()
	if name.Kind != TokIdent && name.Kind != TokRaw {
		return nil, p.fail("expected a type name")
	}
	p.advance()
	r, err := p.expect(TokRParen)
	if err != nil {
		return nil, err
	}
	typ := name.Value
	if name.Kind == TokRaw {
		typ = typ[:strings.IndexByte(typ, 0)]
	}
	return &TypeRef{Type: typ, TypeSpan: join(kw.Span, r.Span)}, nil
}
