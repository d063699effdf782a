package workspace

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/posture/armjson"
)

// RecordRow makes a row of table t from a record sent through the Logs
// Ingestion API: a JSON object whose members are columns (matched
// case-insensitively), converted to the columns' types. TenantId and Type
// are the workspace's and the table's whatever the record says;
// TimeGenerated defaults to m.Time; _BilledSize is computed. A member that
// names no column, or whose value does not convert, is an error.
func RecordRow(t *Table, record []byte, m Meta) (Row, error) {
	obj, err := armjson.Split(record)
	if err != nil {
		return Row{}, fmt.Errorf("a record must be a JSON object")
	}
	r := newRow(t)
	for _, mem := range obj {
		key, ok := armjson.Unquote(append(append([]byte{'"'}, mem.Key...), '"'))
		if !ok {
			return Row{}, fmt.Errorf("a member name is not a JSON string")
		}
		i := r.Table.Index(key)
		if i < 0 {
			i = foldIndex(t, key)
		}
		if i < 0 {
			return Row{}, fmt.Errorf("%s has no column %q", t.Name, key)
		}
		c := t.Columns[i]
		v, err := convert(c.Type, mem.Value)
		if err != nil {
			return Row{}, fmt.Errorf("%s.%s (%s): %v", t.Name, c.Name, c.Type, err)
		}
		r.Values[i] = v
	}
	r.Set("TenantId", m.TenantID)
	r.Set("Type", t.Name)
	if r.Get("TimeGenerated") == nil {
		r.Set("TimeGenerated", m.Time.UTC())
	}
	if r.Get("_IsBillable") == "" {
		r.Set("_IsBillable", "true")
	}
	r.Set("_BilledSize", float64(r.Size()))
	return r, nil
}

func foldIndex(t *Table, name string) int {
	for i, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return i
		}
	}
	return -1
}

// convert turns a JSON value into a row value of a column type; numbers,
// booleans and datetimes may also come as strings, as JSON writers often
// send them.
func convert(typ string, raw []byte) (any, error) {
	if armjson.IsNull(raw) {
		if typ == TString {
			return "", nil
		}
		return nil, nil
	}
	s, quoted := armjson.Unquote(raw)
	if !quoted {
		s = string(raw)
	}
	switch typ {
	case TString:
		return text(raw), nil
	case TDynamic:
		return json.RawMessage(raw), nil
	case TBool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("%s is not a bool", raw)
		}
		return b, nil
	case TInt:
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("%s is not an int", raw)
		}
		return int32(n), nil
	case TLong:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s is not a long", raw)
		}
		return n, nil
	case TReal:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%s is not a real", raw)
		}
		return f, nil
	case TDatetime:
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, fmt.Errorf("%s is not an RFC 3339 datetime", raw)
		}
		return t.UTC(), nil
	}
	return nil, fmt.Errorf("unknown column type %s", typ)
}
