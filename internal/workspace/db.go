package workspace

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/secexport/secexport/internal/kql"
)

// DB is the workspaces' storage: one DuckDB database, one schema per
// workspace holding its six tables, each table named and typed as the KQL
// compiler expects (same names, dynamic as JSON, datetime as TIMESTAMP in
// UTC).
type DB struct {
	db        *sql.DB
	connector *duckdb.Connector

	// Appends are group-committed by one goroutine: many small batches (one
	// per exporting action) become one DuckDB transaction.
	appends chan *appendRequest
	done    chan struct{}
	wg      sync.WaitGroup
}

type appendRequest struct {
	customerID, schema string
	rows               []Row
	err                chan error
}

// maxGroupRows bounds the rows one grouped append transaction takes.
const maxGroupRows = 20000

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
	d := &DB{db: db, connector: c, appends: make(chan *appendRequest, 256), done: make(chan struct{})}
	d.wg.Add(1)
	go d.appendLoop()
	return d, nil
}

// Close stops the appender and closes the database.
func (d *DB) Close() error {
	close(d.done)
	d.wg.Wait()
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
		b.WriteString(kql.DuckDBType(c.Type)) // the compiler's storage convention
	}
	b.WriteString(")")
	return b.String()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Append writes rows to a workspace's tables through DuckDB's Appender, in
// one transaction: all of them or none. Concurrent appends share a
// transaction (group commit); a failing one is retried alone, so it fails
// only itself.
func (d *DB) Append(ctx context.Context, customerID string, rows []Row) error {
	if len(rows) == 0 {
		return nil
	}
	schema, err := schemaName(customerID)
	if err != nil {
		return err
	}
	req := &appendRequest{customerID: customerID, schema: schema, rows: rows, err: make(chan error, 1)}
	select {
	case d.appends <- req:
	case <-ctx.Done():
		return ctx.Err()
	case <-d.done:
		return errors.New("workspace database is closed")
	}
	// Once queued, the append is committed or not regardless of ctx.
	return <-req.err
}

func (d *DB) appendLoop() {
	defer d.wg.Done()
	for {
		var batch []*appendRequest
		select {
		case req := <-d.appends:
			batch = append(batch, req)
		case <-d.done:
			return
		}
		n := len(batch[0].rows)
	fill:
		for n < maxGroupRows {
			select {
			case req := <-d.appends:
				batch = append(batch, req)
				n += len(req.rows)
			default:
				break fill
			}
		}
		err := d.appendGroup(batch)
		if err != nil && len(batch) > 1 {
			for _, req := range batch {
				req.err <- d.appendGroup([]*appendRequest{req})
			}
			continue
		}
		for _, req := range batch {
			req.err <- err
		}
	}
}

// appendGroup writes the requests' rows in one transaction.
func (d *DB) appendGroup(batch []*appendRequest) error {
	ctx := context.Background()
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	err = conn.Raw(func(dc any) error { return appendRows(dc.(driver.Conn), batch) })
	if err == nil {
		_, err = conn.ExecContext(ctx, "COMMIT")
	}
	if err != nil {
		conn.ExecContext(context.Background(), "ROLLBACK")
		if len(batch) == 1 {
			return fmt.Errorf("append to workspace %s: %w", batch[0].customerID, err)
		}
		return fmt.Errorf("append to workspaces: %w", err)
	}
	return nil
}

// appendRows appends the requests' rows table by table, in the order they come.
func appendRows(dc driver.Conn, batch []*appendRequest) error {
	type target struct {
		schema string
		table  *Table
	}
	appenders := map[target]*duckdb.Appender{}
	defer func() {
		for _, a := range appenders {
			a.Close()
		}
	}()
	args := make([]driver.Value, 0, 64)
	for _, req := range batch {
		for _, r := range req.rows {
			t := target{req.schema, r.Table}
			a, ok := appenders[t]
			if !ok {
				var err error
				if a, err = duckdb.NewAppenderFromConn(dc, req.schema, r.Table.Name); err != nil {
					return err
				}
				appenders[t] = a
			}
			args = args[:0]
			for _, v := range r.Values {
				args = append(args, v)
			}
			if err := a.AppendRow(args...); err != nil {
				return fmt.Errorf("%s row: %w", r.Table.Name, err)
			}
		}
	}
	for t, a := range appenders {
		delete(appenders, t)
		if err := a.Close(); err != nil {
			return fmt.Errorf("%s: %w", t.table.Name, err)
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
