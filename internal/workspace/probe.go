package workspace

import (
	"context"

	"github.com/secexport/secexport/internal/kql"
)

// probe returns a kql.Probe that runs the compiler's probe queries (the
// slots bag_unpack unpacks) over the workspace's tables, limited to span as
// the query itself is.
func (d *DB) probe(ctx context.Context, schema string, span *Span) kql.Probe {
	return func(sql string, args []any) ([][]any, error) {
		rows, err := d.db.QueryContext(ctx, withTables(schema, span, sql), args...)
		if err != nil {
			return nil, &EngineError{Err: err}
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return nil, &EngineError{Err: err}
		}
		var out [][]any
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return nil, &EngineError{Err: err}
			}
			out = append(out, vals)
		}
		if err := rows.Err(); err != nil {
			return nil, &EngineError{Err: err}
		}
		return out, nil
	}
}
