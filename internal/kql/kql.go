package kql

import (
	"errors"
	"fmt"
	"time"

	"github.com/secexport/secexport/internal/kql/parser"
)

// Column is a column of a table or of a query's result.
type Column struct {
	Name string
	Type string // a Kusto type name: string, long, int, real, bool, datetime, timespan, dynamic, guid
	// Hidden marks a table column that a query returns only when it names
	// it, as Log Analytics' _ResourceId, _SubscriptionId, _IsBillable and
	// _BilledSize: a query can use it anywhere, but operators that keep all
	// columns (where, extend, order, take, top, join, union ...) keep it
	// hidden, and the result leaves it out. Naming it in project, distinct,
	// summarize ... by, or as the value of an extend makes a visible column.
	// Query.Columns never has a hidden column.
	Hidden bool
}

// Table is a table's schema.
type Table struct {
	Name    string
	Columns []Column
}

// Schema resolves table names, case-sensitively as Kusto does.
type Schema interface {
	Table(name string) (Table, bool)
}

// Query is a compiled query: DuckDB SQL, its bound arguments ($1 is Args[0]),
// and the columns of its result, in order.
type Query struct {
	SQL     string
	Args    []any
	Columns []Column
}

// Error codes. SYN0002 and SEM0100 are the codes Log Analytics gives syntax
// errors and unresolved names; the others are secexport's.
const (
	CodeSyntax          = "SYN0002"
	CodeUnresolved      = "SEM0100"
	CodeUnknownFunction = "UnknownFunction"
	CodeType            = "TypeMismatch"
	CodeArgument        = "InvalidArgument"
	CodeDuplicate       = "DuplicateColumn"
	CodeNotSupported    = "NotSupported"
)

// Error is a query error: what went wrong and where.
type Error struct {
	Pos     int // byte offset of the offending text
	Line    int // 1-based
	Col     int // 1-based, in characters
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d (offset %d): %s", e.Line, e.Col, e.Pos, e.Message)
}

// Compile compiles a KQL query into DuckDB SQL over the tables of schema.
// now is the query's notion of the current time (now(), ago()).
func Compile(src string, schema Schema, now time.Time, opts ...Option) (*Query, error) {
	q, err := parser.Parse(src)
	if err != nil {
		var pe *parser.Error
		if errors.As(err, &pe) {
			code := CodeSyntax
			if pe.Unsupported {
				code = CodeNotSupported
			}
			return nil, newError(src, pe.Span.Start, code, pe.Msg)
		}
		return nil, err
	}
	c := &compiler{src: src, schema: schema, now: now.UTC(), lets: map[string]*letValue{}, strArgs: map[string]int{}}
	for _, o := range opts {
		o(c)
	}
	return c.query(q)
}

func newError(src string, pos int, code, msg string) *Error {
	line, col := parser.LineCol(src, pos)
	return &Error{Pos: pos, Line: line, Col: col, Code: code, Message: msg}
}
