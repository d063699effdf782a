package workspace

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/kql"
)

// kqlSchema resolves the workspace tables for the KQL compiler. The hidden
// columns (_ResourceId, _SubscriptionId, _IsBillable, _BilledSize) are
// marked kql.Column.Hidden: a query returns them only when it names them.
type kqlSchema struct{}

var kqlTables = func() map[string]kql.Table {
	m := map[string]kql.Table{}
	for _, t := range Tables() {
		kt := kql.Table{Name: t.Name}
		for _, c := range t.Columns {
			kt.Columns = append(kt.Columns, kql.Column{Name: c.Name, Type: c.Type, Hidden: c.Hidden()})
		}
		m[t.Name] = kt
	}
	return m
}()

func (kqlSchema) Table(name string) (kql.Table, bool) {
	t, ok := kqlTables[name]
	return t, ok
}

var _ kql.TableLister = kqlSchema{}

// TableNames lists the tables in the spec's order, the order in which a
// table name wildcard (union Secure*) expands.
func (kqlSchema) TableNames() []string {
	var names []string
	for _, t := range Tables() {
		names = append(names, t.Name)
	}
	return names
}

// KQLSchema is the schema the workspace compiles queries against: its
// tables, with the hidden columns marked.
func KQLSchema() kql.Schema { return kqlSchema{} }

// Query runs a KQL query over a workspace's tables. now is the query's
// now(); span, when not nil, limits every table to the rows whose
// TimeGenerated is in it, as the Logs query API's timespan does. A query the
// compiler refuses is a *kql.Error.
func (s *Service) Query(ctx context.Context, customerID, src string, span *Span) (*Result, error) {
	if _, err := s.Workspace(ctx, customerID); err != nil {
		return nil, err
	}
	return s.DB.Query(ctx, customerID, src, span, s.now())
}

// Query compiles a KQL query and runs it on the tables of the workspace
// customerID.
func (d *DB) Query(ctx context.Context, customerID, src string, span *Span, now time.Time) (*Result, error) {
	schema, err := schemaName(customerID)
	if err != nil {
		return nil, err
	}
	q, err := kql.Compile(src, kqlSchema{}, now, kql.WithProbe(d.probe(ctx, schema, span)))
	if err != nil {
		var ke *kql.Error
		if errors.As(err, &ke) {
			return nil, &QueryError{Code: ke.Code, Message: ke.Message, Line: ke.Line, Col: ke.Col, Pos: ke.Pos}
		}
		return nil, err
	}
	rows, err := d.db.QueryContext(ctx, withTables(schema, span, q.SQL), q.Args...)
	if err != nil {
		return nil, &EngineError{Err: err}
	}
	defer rows.Close()
	cols := make([]Column, len(q.Columns))
	for i, c := range q.Columns {
		cols[i] = Column{Name: c.Name, Type: c.Type}
	}
	res, err := readResult(rows, cols, formatKQL)
	if err != nil {
		return nil, &EngineError{Err: err}
	}
	return res, nil
}

func formatKQL(c Column, v any) any {
	if c.Type == "timespan" {
		if ticks, ok := v.(int64); ok {
			return kql.FormatTimespan(ticks)
		}
	}
	return formatValue(c, v)
}

// withTables puts the workspace's tables, under their KQL names, in front
// of the compiled SQL as common table expressions: the SQL names tables
// bare, and each names its workspace schema's table, limited to span.
func withTables(schema string, span *Span, sql string) string {
	var b strings.Builder
	b.WriteString("WITH ")
	for i, t := range Tables() {
		if i > 0 {
			b.WriteString(", ")
		}
		name := quoteIdent(t.Name)
		fmt.Fprintf(&b, "%s AS (SELECT * FROM %s.%s", name, schema, name)
		if span != nil {
			fmt.Fprintf(&b, ` WHERE "TimeGenerated" >= TIMESTAMP '%s' AND "TimeGenerated" < TIMESTAMP '%s'`,
				span.Start.UTC().Format("2006-01-02 15:04:05.999999"), span.End.UTC().Format("2006-01-02 15:04:05.999999"))
		}
		b.WriteString(")")
	}
	trimmed := strings.TrimSpace(sql)
	if len(trimmed) > 5 && strings.EqualFold(trimmed[:5], "WITH ") {
		b.WriteString(", ")
		b.WriteString(trimmed[5:])
	} else {
		b.WriteString(" ")
		b.WriteString(trimmed)
	}
	return b.String()
}
