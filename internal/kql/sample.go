package kql

import "github.com/secexport/secexport/internal/kql/parser"

// compileSample is sample N: N rows picked at random (all of them when
// there are fewer), in no particular order, as Kusto gives them.
func compileSample(c *compiler, r *relation, op parser.Operator) (*relation, error) {
	if err := c.needInput(r, op); err != nil {
		return nil, err
	}
	n, err := c.constCount(op, op.(*parser.Take).N)
	if err != nil {
		return nil, err
	}
	if r.limit != "" || r.orderBy != nil {
		r = c.wrap(r)
	}
	r.orderBy = []string{"random()"}
	r.limit = n
	return r, nil
}
