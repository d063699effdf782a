package parser

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lex splits src into tokens, ending with a TokEOF token.
// Comments (// to end of line) and white space are dropped.
func Lex(src string) ([]Token, error) {
	lx := &lexer{src: src}
	var toks []Token
	for {
		tok, err := lx.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, tok)
		if tok.Kind == TokEOF {
			return toks, nil
		}
	}
}

type lexer struct {
	src string
	pos int
}

func (lx *lexer) peekByte(off int) byte {
	if lx.pos+off < len(lx.src) {
		return lx.src[lx.pos+off]
	}
	return 0
}

func (lx *lexer) skipSpaceAndComments() {
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			lx.pos++
		case c == '/' && lx.peekByte(1) == '/':
			for lx.pos < len(lx.src) && lx.src[lx.pos] != '\n' {
				lx.pos++
			}
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(lx.src[lx.pos:])
			if !unicode.IsSpace(r) {
				return
			}
			lx.pos += n
		default:
			return
		}
	}
}

// punct lists the operators, longest first where one is a prefix of another.
var punct = []struct {
	text string
	kind TokenKind
}{
	{"..", TokDotDot}, {"==", TokEq}, {"!=", TokNe}, {"<>", TokLtGt}, {"<=", TokLe},
	{">=", TokGe}, {"=~", TokEqTilde}, {"!~", TokBangTilde},
	{"|", TokPipe}, {"(", TokLParen}, {")", TokRParen}, {"[", TokLBrack}, {"]", TokRBrack},
	{"{", TokLBrace}, {"}", TokRBrace}, {",", TokComma}, {";", TokSemi}, {":", TokColon},
	{".", TokDot}, {"=", TokAssign}, {"<", TokLt}, {">", TokGt}, {"+", TokPlus},
	{"-", TokMinus}, {"*", TokStar}, {"/", TokSlash}, {"%", TokPercent},
}

func (lx *lexer) next() (Token, error) {
	lx.skipSpaceAndComments()
	start := lx.pos
	if start >= len(lx.src) {
		return Token{Kind: TokEOF, Span: Span{start, start}}, nil
	}
	c := lx.src[start]
	switch {
	case c == '\'' || c == '"':
		return lx.quoted(start, start, false)
	case c == '@' && (lx.peekByte(1) == '\'' || lx.peekByte(1) == '"'):
		return lx.quoted(start, start+1, true)
	case c == '`' && strings.HasPrefix(lx.src[start:], "```"):
		return lx.multiline(start)
	case isDigit(c):
		return lx.number(start)
	case c == '.' && isDigit(lx.peekByte(1)):
		return Token{}, errAt(lx.src, Span{start, start + 1}, "")
	case c == '!' && isIdentStart(lx.peekByte(1)):
		lx.pos++
		tok := lx.ident(start)
		return tok, nil
	case c == '$' && isIdentStart(lx.peekByte(1)):
		lx.pos++
		return lx.ident(start), nil
	case isIdentStart(c) || c >= utf8.RuneSelf && lx.unicodeLetter():
		tok := lx.ident(start)
		if (tok.Value == "h" || tok.Value == "H") && lx.pos < len(lx.src) {
			// h'secret' and h@'secret': obfuscated strings, plain strings to us.
			switch lx.src[lx.pos] {
			case '\'', '"':
				return lx.quoted(start, lx.pos, false)
			case '@':
				if q := lx.peekByte(1); q == '\'' || q == '"' {
					return lx.quoted(start, lx.pos+1, true)
				}
			}
		}
		if isRawLiteralWord(tok.Value) {
			return lx.rawLiteral(tok)
		}
		return tok, nil
	}
	for _, p := range punct {
		if strings.HasPrefix(lx.src[start:], p.text) {
			lx.pos += len(p.text)
			return Token{Kind: p.kind, Span: Span{start, lx.pos}, Value: p.text}, nil
		}
	}
	_, n := utf8.DecodeRuneInString(lx.src[start:])
	return Token{}, errAt(lx.src, Span{start, start + n}, "unexpected character")
}

func (lx *lexer) unicodeLetter() bool {
	r, _ := utf8.DecodeRuneInString(lx.src[lx.pos:])
	return unicode.IsLetter(r)
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) }

// ident scans an identifier whose first character is at lx.pos (a prefix such
// as '!' or '$' may already be consumed from start). "in~" and "!in~" are one token.
func (lx *lexer) ident(start int) Token {
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		if isIdentPart(c) {
			lx.pos++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(lx.src[lx.pos:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				lx.pos += n
				continue
			}
		}
		break
	}
	word := lx.src[start:lx.pos]
	if (word == "in" || word == "!in") && lx.peekByte(0) == '~' {
		lx.pos++
		word += "~"
	}
	return Token{Kind: TokIdent, Span: Span{start, lx.pos}, Value: word}
}

func isRawLiteralWord(w string) bool {
	switch w {
	case "datetime", "date", "guid", "timespan", "time":
		return true
	}
	return false
}

// rawLiteral scans the parenthesised text after datetime, guid or timespan,
// whose contents (2024-01-02 10:00, 1.02:03:04) are not ordinary tokens.
// If no '(' follows, the word is an ordinary identifier.
func (lx *lexer) rawLiteral(word Token) (Token, error) {
	save := lx.pos
	lx.skipSpaceAndComments()
	if lx.peekByte(0) != '(' {
		lx.pos = save
		return word, nil
	}
	open := lx.pos
	end := strings.IndexByte(lx.src[open:], ')')
	if end < 0 {
		return Token{}, errAt(lx.src, Span{word.Span.Start, len(lx.src)}, "missing ')'")
	}
	lx.pos = open + end + 1
	inner := strings.TrimSpace(lx.src[open+1 : open+end])
	if len(inner) >= 2 && (inner[0] == '"' || inner[0] == '\'') && inner[len(inner)-1] == inner[0] {
		inner = inner[1 : len(inner)-1]
	}
	return Token{Kind: TokRaw, Span: Span{word.Span.Start, lx.pos}, Value: word.Value + "\x00" + inner}, nil
}

// quoted scans a string literal whose opening quote is at q; verbatim strings
// (@'...') have no escapes and double the quote to include it.
func (lx *lexer) quoted(start, q int, verbatim bool) (Token, error) {
	quote := lx.src[q]
	var b strings.Builder
	i := q + 1
	for {
		if i >= len(lx.src) || lx.src[i] == '\n' || lx.src[i] == '\r' {
			return Token{}, errAt(lx.src, Span{start, i}, "unterminated string literal")
		}
		c := lx.src[i]
		switch {
		case c == quote && verbatim && i+1 < len(lx.src) && lx.src[i+1] == quote:
			b.WriteByte(quote)
			i += 2
		case c == quote && !verbatim && i+1 < len(lx.src) && lx.src[i+1] == quote && quote == '\'':
			// 'it''s' is accepted by Kusto as well.
			b.WriteByte(quote)
			i += 2
		case c == quote:
			lx.pos = i + 1
			return Token{Kind: TokString, Span: Span{start, lx.pos}, Value: b.String()}, nil
		case c == '\\' && !verbatim:
			n, err := lx.escape(&b, i)
			if err != nil {
				return Token{}, err
			}
			i += n
		default:
			b.WriteByte(c)
			i++
		}
	}
}

// escape decodes the escape sequence at lx.src[i] (a backslash) into b and
// returns its length.
func (lx *lexer) escape(b *strings.Builder, i int) (int, error) {
	if i+1 >= len(lx.src) {
		return 0, errAt(lx.src, Span{i, i + 1}, "unterminated string literal")
	}
	switch c := lx.src[i+1]; c {
	case '\\', '\'', '"':
		b.WriteByte(c)
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case '0':
		b.WriteByte(0)
	case 'a':
		b.WriteByte('\a')
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'v':
		b.WriteByte('\v')
	case 'x', 'u', 'U':
		digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
		if i+2+digits > len(lx.src) {
			return 0, errAt(lx.src, Span{i, len(lx.src)}, "invalid escape sequence")
		}
		v, err := strconv.ParseUint(lx.src[i+2:i+2+digits], 16, 32)
		if err != nil || v > unicode.MaxRune {
			return 0, errAt(lx.src, Span{i, i + 2 + digits}, "invalid escape sequence")
		}
		b.WriteRune(rune(v))
		return 2 + digits, nil
	default:
		return 0, errAt(lx.src, Span{i, i + 2}, "invalid escape sequence in string literal (use @\"...\" for regular expressions)")
	}
	return 2, nil
}

func (lx *lexer) multiline(start int) (Token, error) {
	end := strings.Index(lx.src[start+3:], "```")
	if end < 0 {
		return Token{}, errAt(lx.src, Span{start, len(lx.src)}, "unterminated ``` string literal")
	}
	lx.pos = start + 3 + end + 3
	return Token{Kind: TokString, Span: Span{start, lx.pos}, Value: lx.src[start+3 : start+3+end]}, nil
}

// timespanUnits maps a unit suffix to its length in ticks.
var timespanUnits = map[string]float64{
	"d": 864e9, "day": 864e9, "days": 864e9,
	"h": 36e9, "hr": 36e9, "hrs": 36e9, "hour": 36e9, "hours": 36e9,
	"m": 6e8, "min": 6e8, "minute": 6e8, "minutes": 6e8,
	"s": 1e7, "sec": 1e7, "second": 1e7, "seconds": 1e7,
	"ms": 1e4, "milli": 1e4, "millis": 1e4, "millisecond": 1e4, "milliseconds": 1e4,
	"microsecond": 10, "microseconds": 10, "micro": 10, "micros": 10,
	"nanosecond": 0.01, "nanoseconds": 0.01, "nano": 0.01, "nanos": 0.01,
	"tick": 1, "ticks": 1,
}

func (lx *lexer) number(start int) (Token, error) {
	if lx.src[start] == '0' && (lx.peekByte(1) == 'x' || lx.peekByte(1) == 'X') {
		lx.pos += 2
		for lx.pos < len(lx.src) && strings.IndexByte("0123456789abcdefABCDEF", lx.src[lx.pos]) >= 0 {
			lx.pos++
		}
		v, err := strconv.ParseInt(lx.src[start+2:lx.pos], 16, 64)
		if err != nil {
			return Token{}, errAt(lx.src, Span{start, lx.pos}, "invalid number")
		}
		return Token{Kind: TokLong, Span: Span{start, lx.pos}, Value: strconv.FormatInt(v, 10)}, nil
	}
	kind := TokLong
	for lx.pos < len(lx.src) && isDigit(lx.src[lx.pos]) {
		lx.pos++
	}
	if lx.peekByte(0) == '.' && isDigit(lx.peekByte(1)) {
		kind = TokReal
		lx.pos++
		for lx.pos < len(lx.src) && isDigit(lx.src[lx.pos]) {
			lx.pos++
		}
	} else if c := lx.peekByte(1); lx.peekByte(0) == '.' && c != '.' && !isIdentStart(c) {
		// 3. is a real, as in Kusto; 1..2 is a range and 1.d a member.
		kind = TokReal
		lx.pos++
	}
	if c := lx.peekByte(0); c == 'e' || c == 'E' {
		j := lx.pos + 1
		if j < len(lx.src) && (lx.src[j] == '+' || lx.src[j] == '-') {
			j++
		}
		if j < len(lx.src) && isDigit(lx.src[j]) {
			kind = TokReal
			for j < len(lx.src) && isDigit(lx.src[j]) {
				j++
			}
			lx.pos = j
		}
	}
	text := lx.src[start:lx.pos]
	if !isIdentStart(lx.peekByte(0)) {
		return Token{Kind: kind, Span: Span{start, lx.pos}, Value: text}, nil
	}
	// A unit suffix makes a timespan: 7d, 1.5h, 100ms.
	us := lx.pos
	for lx.pos < len(lx.src) && isIdentPart(lx.src[lx.pos]) {
		lx.pos++
	}
	unit, ok := timespanUnits[lx.src[us:lx.pos]]
	if !ok || strings.ContainsAny(text, "eE") {
		return Token{}, errAt(lx.src, Span{start, lx.pos}, "unknown timespan unit")
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || math.Abs(v*unit) > math.MaxInt64/2 {
		return Token{}, errAt(lx.src, Span{start, lx.pos}, "timespan out of range")
	}
	return Token{Kind: TokTimespan, Span: Span{start, lx.pos}, Value: lx.src[start:lx.pos], Ticks: int64(math.Round(v * unit))}, nil
}
