package workspace

import (
	"encoding/json"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/secexport/secexport/internal/posture/armjson"
)

// MaxRecordSize is the largest record Log Analytics accepts, serialized: 32 KB.
// Continuous export does not send a larger one; it raises a "Data limit
// exceeded" alert instead.
const MaxRecordSize = 32 << 10

// Row is one row of a table: Values[i] is the value of Table.Columns[i],
// typed by the column's Kusto type — string (never nil: Kusto strings have no
// null, a missing one is ""), int32 (int), int64 (long), float64 (real),
// bool, time.Time in UTC (datetime), json.RawMessage (dynamic) — or nil.
type Row struct {
	Table  *Table
	Values []any
}

func newRow(t *Table) Row {
	r := Row{Table: t, Values: make([]any, len(t.Columns))}
	for i, c := range t.Columns {
		if c.Type == TString {
			r.Values[i] = ""
		}
	}
	return r
}

// Set sets the value of the column named name; a name not in the table is a
// programming error.
func (r Row) Set(name string, v any) { r.Values[r.Table.col(name)] = v }

// Get returns the value of the column named name, or nil.
func (r Row) Get(name string) any {
	if i := r.Table.Index(name); i >= 0 {
		return r.Values[i]
	}
	return nil
}

// AppendJSON appends the row as a JSON object, its columns in table order;
// keep, when not nil, chooses the columns written.
func (r Row) AppendJSON(b []byte, keep func(Column) bool) []byte {
	b = append(b, '{')
	n := 0
	for i, c := range r.Table.Columns {
		if keep != nil && !keep(c) {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = armjson.AppendQuote(b, c.Name)
		b = append(b, ':')
		b = AppendValue(b, r.Values[i])
	}
	return append(b, '}')
}

// AppendValue appends a row value as JSON: datetimes as RFC 3339 UTC text,
// dynamic values as the JSON they hold.
func AppendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return armjson.AppendQuote(b, v)
	case int32:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return armjson.AppendQuote(b, strconv.FormatFloat(v, 'g', -1, 64))
		}
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case bool:
		return strconv.AppendBool(b, v)
	case time.Time:
		b = append(b, '"')
		b = v.UTC().AppendFormat(b, time.RFC3339Nano)
		return append(b, '"')
	case json.RawMessage:
		return append(b, v...)
	}
	out, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, out...)
}

// Size is the row's size as Log Analytics counts it for its record limit and
// _BilledSize: the bytes of the row serialized as JSON, without the hidden
// columns.
func (r Row) Size() int {
	bp := sizeBuffers.Get().(*[]byte)
	b := r.AppendJSON((*bp)[:0], visible)
	*bp = b
	sizeBuffers.Put(bp)
	return len(b)
}

var sizeBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

func visible(c Column) bool { return !c.Hidden() }
