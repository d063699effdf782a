package parser

import "fmt"

// An Error is a lexical or syntax error at a span of the query.
type Error struct {
	Span Span
	// Msg is complete and in the style of Log Analytics, e.g.
	// "Query could not be parsed at 'foo' on line [1,10]".
	Msg string
	// Unsupported reports that the text is valid KQL that secexport does not
	// run yet, as opposed to a syntax error.
	Unsupported bool
}

func (e *Error) Error() string { return e.Msg }

// errAt builds the Log Analytics style syntax error for the text at span,
// with an optional hint of what was expected.
func errAt(src string, span Span, hint string) *Error {
	line, col := LineCol(src, span.Start)
	text := span.Text(src)
	if span.Start >= len(src) {
		text = "<end of query>"
	} else if len(text) > 40 {
		text = text[:40]
	}
	msg := fmt.Sprintf("Query could not be parsed at '%s' on line [%d,%d]", text, line, col)
	if hint != "" {
		msg += ": " + hint
	}
	return &Error{Span: span, Msg: msg}
}

// errf builds an error at span with a message of its own.
func errf(span Span, format string, args ...any) *Error {
	return &Error{Span: span, Msg: fmt.Sprintf(format, args...)}
}

// notSupported builds the error for valid KQL that is not supported yet.
func notSupported(span Span, format string, args ...any) *Error {
	return &Error{Span: span, Msg: fmt.Sprintf(format, args...), Unsupported: true}
}
