package parser

import (
	"fmt"
	"unicode/utf8"
)

// A Span is a half-open range [Start, End) of byte offsets into the query text.
type Span struct {
	Start int
	End   int
}

// String formats the span as "[start,end)".
func (s Span) String() string { return fmt.Sprintf("[%d,%d)", s.Start, s.End) }

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Text returns the source text the span covers, or "" when it lies outside src.
func (s Span) Text(src string) string {
	if s.Start < 0 || s.End > len(src) || s.Start > s.End {
		return ""
	}
	return src[s.Start:s.End]
}

// join returns the smallest span covering a and b.
func join(a, b Span) Span { return Span{min(a.Start, b.Start), max(a.End, b.End)} }

// LineCol returns the 1-based line and column of byte offset pos in src.
// Columns count characters (runes), not bytes; "\r\n" ends one line.
func LineCol(src string, pos int) (line, col int) {
	line, col = 1, 1
	if pos > len(src) {
		pos = len(src)
	}
	for i := 0; i < pos; {
		r, n := utf8.DecodeRuneInString(src[i:])
		switch {
		case r == '\n':
			line++
			col = 1
		case r == '\r' && i+1 < len(src) && src[i+1] == '\n':
			// counted with the '\n' that follows
		default:
			col++
		}
		i += n
	}
	return line, col
}
