package parser

// TokenKind is the lexical class of a token.
type TokenKind int

// Token kinds. Keywords are identifiers; the parser gives them meaning by position.
const (
	TokEOF       TokenKind = iota
	TokIdent               // Name, $left, in~, !has (word operators are identifiers too)
	TokString              // 'x', "x", @'x', h'x'
	TokLong                // 42, 0x2A
	TokReal                // 1.5, 1e3
	TokTimespan            // 7d, 1.5h, 100ms
	TokRaw                 // the parenthesised text of datetime(...), guid(...), timespan(...)
	TokPipe                // |
	TokLParen              // (
	TokRParen              // )
	TokLBrack              // [
	TokRBrack              // ]
	TokLBrace              // {
	TokRBrace              // }
	TokComma               // ,
	TokSemi                // ;
	TokColon               // :
	TokDot                 // .
	TokDotDot              // ..
	TokAssign              // =
	TokEq                  // ==
	TokNe                  // !=
	TokLtGt                // <>
	TokLt                  // <
	TokLe                  // <=
	TokGt                  // >
	TokGe                  // >=
	TokEqTilde             // =~
	TokBangTilde           // !~
	TokPlus                // +
	TokMinus               // -
	TokStar                // *
	TokSlash               // /
	TokPercent             // %
)

var tokenNames = [...]string{
	TokEOF: "end of query", TokIdent: "identifier", TokString: "string literal",
	TokLong: "number", TokReal: "number", TokTimespan: "timespan literal", TokRaw: "literal",
	TokPipe: "|", TokLParen: "(", TokRParen: ")", TokLBrack: "[", TokRBrack: "]",
	TokLBrace: "{", TokRBrace: "}", TokComma: ",", TokSemi: ";", TokColon: ":",
	TokDot: ".", TokDotDot: "..", TokAssign: "=", TokEq: "==", TokNe: "!=", TokLtGt: "<>",
	TokLt: "<", TokLe: "<=", TokGt: ">", TokGe: ">=", TokEqTilde: "=~", TokBangTilde: "!~",
	TokPlus: "+", TokMinus: "-", TokStar: "*", TokSlash: "/", TokPercent: "%",
}

// String names the kind as a user would write it.
func (k TokenKind) String() string {
	if int(k) < len(tokenNames) {
		return tokenNames[k]
	}
	return "token"
}

// A Token is one lexical element of a query.
type Token struct {
	Kind TokenKind
	Span Span
	// Value is the decoded value: the identifier's name, the string's contents,
	// the raw literal's inner text, or the number as written.
	Value string
	// Ticks is a timespan literal's value in 100-nanosecond ticks.
	Ticks int64
}
