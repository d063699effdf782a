package kql

import "github.com/secexport/secexport/internal/kql/parser"

// Serialization: Kusto lets window functions (prev, next, row_number) run
// only over a serialized row set, one whose order is defined. Operators mark
// their output serialized (order by, top, serialize), keep their input's
// state (where, extend, project ...) or make it unserialized (summarize,
// join, mv-expand ...).

// serialState is what is known of a relation's row order.
type serialState int8

const (
	// unserialized rows have no defined order: a table's rows, or the
	// output of summarize, join, distinct ...
	unserialized serialState = iota
	// serialized rows come in a defined order, which window functions follow.
	serialized
	// serialUnknown is the state after an operator whose effect on the
	// order secexport does not know (union, datatable ...): window
	// functions over it are refused as not supported.
	serialUnknown
)

// serialOut says how an operator changes its input's serialization; an
// operator not listed gives serialUnknown.
var serialOut = map[string]func(in serialState) serialState{}

func init() {
	for _, op := range []string{"order", "sort", "top", "serialize", "getschema", "range", "print"} {
		serialOut[op] = func(serialState) serialState { return serialized }
	}
	for _, op := range []string{"summarize", "count", "distinct", "join", "mv-expand", "mvexpand", "make-series", "top-nested", "evaluate"} {
		serialOut[op] = func(serialState) serialState { return unserialized }
	}
	for _, op := range []string{"where", "filter", "extend", "project", "project-away", "project-rename",
		"project-reorder", "project-keep", "take", "limit", "parse", "parse-where", "render", "as"} {
		serialOut[op] = func(in serialState) serialState { return in }
	}
}

// applyOp compiles one operator of a pipe: it first writes the window
// functions the operator calls (window.go), then the operator, and records
// the serialization of the operator's output.
func (c *compiler) applyOp(compile operatorFunc, in *relation, op parser.Operator) (*relation, error) {
	state := unserialized
	if in != nil {
		state = in.serial
	}
	r, scope, err := c.prepareWindows(in, op)
	if err != nil {
		return nil, err
	}
	out, err := compile(c, r, op)
	if err != nil {
		return nil, err
	}
	if scope != nil {
		// The window columns were computed over the serialized order, which
		// the operator's output keeps.
		if out.from != scope.from || !out.open() {
			return nil, c.errorf(op, CodeNotSupported, "window functions in '%s' are not supported here yet", op.Name())
		}
		out.orderBy = []string{scope.ordinal}
	}
	out.serial = serialUnknown
	if f, ok := serialOut[op.Name()]; ok {
		out.serial = f(state)
	}
	return out, nil
}
