package workspace

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math/big"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// MaxResultRows is how many rows a query returns at most, as in Log
// Analytics; a longer result is cut and flagged with a PartialError.
const MaxResultRows = 500_000

// Result is a query's answer.
type Result struct {
	Columns []Column
	// Rows hold JSON-ready values: string, int64, float64, bool, nil;
	// datetimes as RFC 3339 text, dynamic values as their JSON text.
	Rows [][]any
	// Truncated is set when the result had more than MaxResultRows rows.
	Truncated bool
}

// MarshalJSON writes the result as the Logs query API answers:
// {"tables":[{"name":"PrimaryResult","columns":[…],"rows":[[…]]}]}, with an
// "error" member when the result was cut.
func (r *Result) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 256+64*len(r.Rows)*max(1, len(r.Columns)))
	b = append(b, `{"tables":[{"name":"PrimaryResult","columns":[`...)
	for i, c := range r.Columns {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = AppendValue(b, c.Name)
		b = append(b, `,"type":`...)
		b = AppendValue(b, c.Type)
		b = append(b, '}')
	}
	b = append(b, `],"rows":[`...)
	for i, row := range r.Rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, v := range row {
			if j > 0 {
				b = append(b, ',')
			}
			b = AppendValue(b, v)
		}
		b = append(b, ']')
	}
	b = append(b, "]}]"...)
	if r.Truncated {
		b = append(b, `,"error":{"code":"PartialError","message":"There were some errors when processing your query.","details":[{"code":"EngineError","message":"The result was cut at `...)
		b = fmt.Appendf(b, "%d rows (the limit of a query result).", MaxResultRows)
		b = append(b, `"}]}`...)
	}
	return append(b, '}'), nil
}

// readResult reads rows whose columns are cols, formatting each value as the
// Logs query API writes values of its column's type.
func readResult(rows *sql.Rows, cols []Column, format func(Column, any) any) (*Result, error) {
	res := &Result{Columns: cols}
	dest := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range dest {
		ptrs[i] = &dest[i]
	}
	for rows.Next() {
		if len(res.Rows) == MaxResultRows {
			res.Truncated = true
			break
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(cols))
		for i, c := range cols {
			row[i] = format(c, dest[i])
		}
		res.Rows = append(res.Rows, row)
	}
	return res, rows.Err()
}

// formatValue turns a value DuckDB returned into what the Logs query API
// writes for a column of type c.Type: numbers for long, int and real, true
// or false for bool, RFC 3339 UTC text for datetime, JSON text for dynamic,
// "" for a null string.
func formatValue(c Column, v any) any {
	switch v := v.(type) {
	case nil:
		if c.Type == TString {
			return ""
		}
		return nil
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	case int8:
		return int64(v)
	case int16:
		return int64(v)
	case int32:
		return int64(v)
	case uint8:
		return int64(v)
	case uint16:
		return int64(v)
	case uint32:
		return int64(v)
	case uint64:
		return float64(v)
	case float32:
		return float64(v)
	case *big.Int:
		if v.IsInt64() {
			return v.Int64()
		}
		f, _ := new(big.Float).SetInt(v).Float64()
		return f
	case duckdb.Decimal:
		return v.Float64()
	case []byte:
		return string(v)
	case string, int64, float64, bool:
		if c.Type == TDynamic {
			if s, ok := v.(string); ok {
				return s
			}
			b, _ := json.Marshal(v)
			return string(b)
		}
		return v
	}
	// Lists, maps and structs: dynamic values DuckDB decoded.
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
