// Package parser turns KQL (Kusto Query Language) text into a syntax tree.
//
// The lexer, parser and tree know nothing of tables or types: a name is just
// a name until the compiler resolves it against a schema. Every node carries
// its span of the source, so that every error can say where it is, and every
// error reads like Log Analytics' own ("Query could not be parsed at 'x' on
// line [1,10]"). Operators are parsed by small functions registered by
// keyword; an operator Kusto has and this package does not gets an error
// naming it, never a silent misparse.
package parser

import (
	"fmt"
	"strings"
)

// maxDepth bounds the nesting of expressions and pipes, so that hostile input
// cannot exhaust the stack.
const maxDepth = 128

// Parse parses a whole query: let statements and a query expression,
// separated by ';'.
func Parse(src string) (*Query, error) {
	toks, err := Lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	return q, nil
}

type parser struct {
	src   string
	toks  []Token
	pos   int
	depth int
}

func (p *parser) tok() Token          { return p.toks[p.pos] }
func (p *parser) peek(n int) Token    { return p.toks[min(p.pos+n, len(p.toks)-1)] }
func (p *parser) advance() Token      { t := p.toks[p.pos]; p.pos = min(p.pos+1, len(p.toks)-1); return t }
func (p *parser) at(k TokenKind) bool { return p.tok().Kind == k }

// atWord reports whether the current token is the identifier w (case-sensitive,
// as Kusto's keywords are).
func (p *parser) atWord(w string) bool {
	t := p.tok()
	return t.Kind == TokIdent && t.Value == w
}

// fail returns a syntax error at the current token.
func (p *parser) fail(hint string) error { return errAt(p.src, p.tok().Span, hint) }

func (p *parser) expect(k TokenKind) (Token, error) {
	if !p.at(k) {
		return Token{}, p.fail(fmt.Sprintf("expected '%s'", k))
	}
	return p.advance(), nil
}

func (p *parser) expectWord(w string) (Token, error) {
	if !p.atWord(w) {
		return Token{}, p.fail(fmt.Sprintf("expected '%s'", w))
	}
	return p.advance(), nil
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return errf(p.tok().Span, "The query is nested too deeply (more than %d levels) at offset %d", maxDepth, p.tok().Span.Start)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func (p *parser) query() (*Query, error) {
	q := &Query{}
	for {
		if p.at(TokEOF) {
			if len(q.Stmts) == 0 {
				return nil, p.fail("the query is empty")
			}
			break
		}
		st, err := p.statement()
		if err != nil {
			return nil, err
		}
		q.Stmts = append(q.Stmts, st)
		if p.at(TokEOF) {
			break
		}
		if _, err := p.expect(TokSemi); err != nil {
			return nil, p.fail("expected ';' or '|'")
		}
	}
	if _, ok := q.Stmts[len(q.Stmts)-1].(*ExprStmt); !ok {
		return nil, errAt(p.src, p.tok().Span, "a query must end with a tabular expression, not a let statement")
	}
	return q, nil
}

func (p *parser) statement() (Statement, error) {
	if p.atWord("let") {
		return p.let()
	}
	for _, w := range []string{"set", "declare", "alias", "pattern", "restrict"} {
		if p.atWord(w) && p.peek(1).Kind == TokIdent {
			return nil, notSupported(p.tok().Span, "the '%s' statement is not supported yet", w)
		}
	}
	x, err := p.pipe()
	if err != nil {
		return nil, err
	}
	return &ExprStmt{X: x}, nil
}

func (p *parser) let() (Statement, error) {
	kw := p.advance()
	name, err := p.name()
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(TokAssign); err != nil {
		return nil, err
	}
	if p.atWord("view") && p.peek(1).Kind == TokLParen && (p.peek(2).Kind == TokRParen && p.peek(3).Kind == TokLBrace || p.peek(2).Kind == TokIdent && p.peek(3).Kind == TokColon) {
		// let V = view () { ... }: a function as any other; a view differs
		// only in that union's table wildcards match it, and the compiler
		// refuses a wildcard that matches a let name.
		p.advance()
	}
	if p.isFunctionDecl() {
		f, err := p.funcDecl()
		if err != nil {
			return nil, err
		}
		return &Let{Keyword: kw.Span, Name: name, X: f}, nil
	}
	x, err := p.pipe()
	if err != nil {
		return nil, err
	}
	return &Let{Keyword: kw.Span, Name: name, X: x}, nil
}

// isFunctionDecl reports whether a let's value is a function: ( ) { or (name: ...
func (p *parser) isFunctionDecl() bool {
	if !p.at(TokLParen) {
		return false
	}
	next := p.peek(1)
	return next.Kind == TokRParen && p.peek(2).Kind == TokLBrace ||
		next.Kind == TokIdent && p.peek(2).Kind == TokColon
}

// name parses an identifier or a quoted name ['Name'].
func (p *parser) name() (*Ident, error) {
	t := p.tok()
	switch {
	case t.Kind == TokIdent && !strings.HasPrefix(t.Value, "!"):
		p.advance()
		return &Ident{Name: t.Value, NameSpan: t.Span}, nil
	case t.Kind == TokLBrack && p.peek(1).Kind == TokString && p.peek(2).Kind == TokRBrack:
		p.advance()
		s := p.advance()
		r := p.advance()
		return &Ident{Name: s.Value, Quoted: true, NameSpan: join(t.Span, r.Span)}, nil
	}
	return nil, p.fail("expected a name")
}

// pipe parses Source | op | op ...
func (p *parser) pipe() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	if p.atWord("union") {
		u, err := p.unionOp(p.advance())
		if err != nil {
			return nil, err
		}
		return p.pipeOps(nil, []Operator{u})
	}
	if p.atWord("search") && startsOperand(p.peek(1).Kind) {
		kw := p.advance()
		op, err := parseSearch(p, OpBase{Keyword: "search", KwSpan: kw.Span, Last: kw.Span})
		if err != nil {
			return nil, err
		}
		return p.pipeOps(nil, []Operator{op})
	}
	if p.atPrint() {
		pr, err := p.print()
		if err != nil {
			return nil, err
		}
		return p.pipeFrom(pr)
	}
	if p.atRange() {
		r, err := p.rangeSource()
		if err != nil {
			return nil, err
		}
		return p.pipeFrom(r)
	}
	if p.atDataTable() {
		dt, err := p.dataTable()
		if err != nil {
			return nil, err
		}
		return p.pipeFrom(dt)
	}
	if t := p.tok(); t.Kind == TokIdent && unsupportedOperators[t.Value] && startsOperand(p.peek(1).Kind) {
		// print 1, range x from ..., datatable (...) [...]: sources we do not run yet.
		return nil, notSupported(t.Span, "the '%s' operator is not supported yet", t.Value)
	}
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	return p.pipeFrom(x)
}

// startsOperand reports whether a token of kind k can begin an operator's
// argument, as opposed to continuing an expression that is a table name.
func startsOperand(k TokenKind) bool {
	switch k {
	case TokIdent, TokString, TokLong, TokReal, TokTimespan, TokRaw, TokLParen, TokLBrack:
		return true
	}
	return false
}

// pipeFrom parses the operators after src, if any.
func (p *parser) pipeFrom(src Expr) (Expr, error) {
	return p.pipeOps(src, nil)
}

func (p *parser) pipeOps(src Expr, ops []Operator) (Expr, error) {
	for p.at(TokPipe) {
		p.advance()
		op, err := p.operator()
		if err != nil {
			return nil, err
		}
		ops = append(ops, op)
	}
	if len(ops) == 0 {
		return src, nil
	}
	return &Pipe{Source: src, Ops: ops}, nil
}
