package workspace

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// DB is the workspaces' storage: one DuckDB database, one schema per
// workspace holding its six tables, each table named and typed as the KQL
// compiler expects (same names, dynamic as JSON, datetime as TIMESTAMP in
// UTC).
type DB struct {
	db        *sql.DB
	connector *duckdb.Connector
}

// OpenDB opens (creating if needed) the DuckDB database at path; "" opens a
// database in memory.
func OpenDB(path string) (*DB, error) {
	c, err := duckdb.NewConnector(path, nil)
	if err != nil {
		return nil, fmt.Errorf("open workspace database %s: %w", path, err)
	}
	db := sql.OpenDB(c)
	if _, err := db.Exec(`SET TimeZone = 'UTC'`); err != nil {
		db.Close()
		c.Close()
		return nil, fmt.Errorf("configure workspace database: %w", err)
	}
	return &DB{db: db, connector: c}, nil
}

// Close closes the database.
func (d *DB) Close() error {
	return errors.Join(d.db.Close(), d.connector.Close())
}

var customerIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// ValidCustomerID reports whether id is a workspace id: a GUID in lower case.
func ValidCustomerID(id string) bool { return customerIDPattern.MatchString(id) }

// schemaName is the DuckDB schema of a workspace.
func schemaName(customerID string) (string, error) {
	if !ValidCustomerID(customerID) {
		return "", fmt.Errorf("workspace: %q is not a workspace id (a lower-case GUID)", customerID)
	}
	return "ws_" + strings.ReplaceAll(customerID, "-", ""), nil
}

// Create creates a workspace's schema and its six empty tables, leaving what
// exists alone.
func (d *DB) Create(ctx context.Context, customerID string) error {
	schema, err := schemaName(customerID)
	if err != nil {
		return err
	}
	stmts := []string{"CREATE SCHEMA IF NOT EXISTS " + schema}
	for _, t := range Tables() {
		stmts = append(stmts, createTableSQL(schema, t))
	}
	for _, s := range stmts {
		if _, err := d.db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("create workspace %s: %w", customerID, err)
		}
	}
	return nil
}

// Drop deletes a workspace's tables and their rows.
func (d *DB) Drop(ctx context.Context, customerID string) error {
	schema, err := schemaName(customerID)
	if err != nil {
		return err
	}
	if _, err := d.db.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
		return fmt.Errorf("drop workspace %s: %w", customerID, err)
	}
	return nil
}

// duckTypes stores each Kusto type as package kql's storage convention says.
var duckTypes = map[string]string{
	TString: "VARCHAR", TInt: "INTEGER", TLong: "BIGINT", TReal: "DOUBLE",
	TBool: "BOOLEAN", TDatetime: "TIMESTAMP", TDynamic: "JSON",
}

func createTableSQL(schema string, t *Table) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE IF NOT EXISTS ")
	b.WriteString(schema)
	b.WriteByte('.')
	b.WriteString(quoteIdent(t.Name))
	b.WriteString(" (")
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIdent(c.Name))
		b.WriteByte(' ')
		b.WriteString(duckTypes[c.Type])
	}
	b.WriteString(")")
	return b.String()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Append writes rows to a workspace's tables through DuckDB's Appender, in
// one transaction: all of them or none.
func (d *DB) Append(ctx context.Context, customerID string, rows []Row) error {
	if len(rows) == 0 {
		return nil
	}
	schema, err := schemaName(customerID)
	if err != nil {
		return err
	}
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	err = conn.Raw(func(dc any) error { return appendRows(dc.(driver.Conn), schema, rows) })
	if err == nil {
		_, err = conn.ExecContext(ctx, "COMMIT")
	}
	if err != nil {
		conn.ExecContext(context.Background(), "ROLLBACK")
		return fmt.Errorf("append to workspace %s: %w", customerID, err)
	}
	return nil
}

// appendRows appends rows table by table, in the order they come.
func appendRows(dc driver.Conn, schema string, rows []Row) error {
	appenders := map[*Table]*duckdb.Appender{}
	defer func() {
		for _, a := range appenders {
			a.Close()
		}
	}()
	args := make([]driver.Value, 0, 64)
	for _, r := range rows {
		a, ok := appenders[r.Table]
		if !ok {
			var err error
			if a, err = duckdb.NewAppenderFromConn(dc, schema, r.Table.Name); err != nil {
				return err
			}
			appenders[r.Table] = a
		}
		args = args[:0]
		for _, v := range r.Values {
			args = append(args, v)
		}
		if err := a.AppendRow(args...); err != nil {
			return fmt.Errorf("%s row: %w", r.Table.Name, err)
		}
	}
	for t, a := range appenders {
		delete(appenders, t)
		if err := a.Close(); err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
	}
	return nil
}

// DeleteBefore deletes the rows of a workspace whose TimeGenerated is before
// cutoff and returns how many it deleted.
func (d *DB) DeleteBefore(ctx context.Context, customerID string, cutoff time.Time) (int64, error) {
	schema, err := schemaName(customerID)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, t := range Tables() {
		res, err := d.db.ExecContext(ctx, "DELETE FROM "+schema+"."+quoteIdent(t.Name)+` WHERE "TimeGenerated" < $1`, cutoff.UTC())
		if err != nil {
			return total, fmt.Errorf("retention of workspace %s, %s: %w", customerID, t.Name, err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// Count returns how many rows a workspace's table holds.
func (d *DB) Count(ctx context.Context, customerID, table string) (int64, error) {
	schema, err := schemaName(customerID)
	if err != nil {
		return 0, err
	}
	t, ok := TableNamed(table)
	if !ok {
		return 0, fmt.Errorf("workspace: no table %s", table)
	}
	var n int64
	err = d.db.QueryRowContext(ctx, "SELECT count(*) FROM "+schema+"."+quoteIdent(t.Name)).Scan(&n)
	return n, err
}
