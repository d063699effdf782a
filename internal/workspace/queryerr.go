package workspace

import "fmt"

// QueryError is a query the KQL compiler refused: what is wrong and where.
type QueryError struct {
	Code    string // the compiler's error code (SYN0002 for syntax, SEM0100 for an unknown name, …)
	Message string
	Line    int // 1-based
	Col     int // 1-based, in characters
	Pos     int // byte offset in the query
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("%s at line %d, column %d: %s", e.Code, e.Line, e.Col, e.Message)
}

// EngineError is a query that compiled but failed to run.
type EngineError struct{ Err error }

func (e *EngineError) Error() string { return "the query failed to run: " + e.Err.Error() }
func (e *EngineError) Unwrap() error { return e.Err }
