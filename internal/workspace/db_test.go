package workspace

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/kql"
	"github.com/secexport/secexport/internal/model"
)

func openDB(t testing.TB) *DB {
	t.Helper()
	db, err := OpenDB(filepath.Join(t.TempDir(), "workspace.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// exampleRows maps one event of each kind of example record.
func exampleRows(t testing.TB, at time.Time) []Row {
	t.Helper()
	var rows []Row
	for kind, rec := range exampleRecords(t) {
		ev := exampleEvent(t, rec, model.StreamingSource(kind), model.ActionInsert)
		r, err := Map(ev.Source, ev.Payload, Meta{TenantID: testWorkspace, Time: at})
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	return rows
}

func count(t *testing.T, db *DB, customerID, table string) int {
	t.Helper()
	schema, _ := schemaName(customerID)
	var n int
	if err := db.db.QueryRow(`SELECT count(*) FROM ` + schema + `.` + quoteIdent(table)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDBCreateAppendRetain(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.Create(ctx, "NOT-A-GUID"); err == nil {
		t.Fatal("created a workspace with a malformed id")
	}
	for range 2 { // Create is idempotent
		if err := db.Create(ctx, testWorkspace); err != nil {
			t.Fatal(err)
		}
	}
	// Every table exists, empty, with the spec's columns and types.
	schema, _ := schemaName(testWorkspace)
	for _, tb := range Tables() {
		rows, err := db.db.Query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, schema, tb.Name)
		if err != nil {
			t.Fatal(err)
		}
		i := 0
		for rows.Next() {
			var name, typ string
			rows.Scan(&name, &typ)
			if i >= len(tb.Columns) || name != tb.Columns[i].Name || typ != kql.DuckDBType(tb.Columns[i].Type) {
				t.Errorf("%s column %d: %s %s", tb.Name, i, name, typ)
			}
			i++
		}
		rows.Close()
		if i != len(tb.Columns) {
			t.Errorf("%s has %d columns, want %d", tb.Name, i, len(tb.Columns))
		}
		if n := count(t, db, testWorkspace, tb.Name); n != 0 {
			t.Errorf("new %s has %d rows", tb.Name, n)
		}
	}

	old := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	recent := old.Add(40 * 24 * time.Hour)
	if err := db.Append(ctx, testWorkspace, append(exampleRows(t, old), exampleRows(t, recent)...)); err != nil {
		t.Fatal(err)
	}
	for _, tb := range Tables() {
		if n := count(t, db, testWorkspace, tb.Name); n != 2 {
			t.Errorf("%s has %d rows, want 2", tb.Name, n)
		}
	}
	// Values round-trip: a dynamic column holds JSON, a datetime its instant.
	var props string
	var tg time.Time
	if err := db.db.QueryRow(`SELECT "Properties"->>'$.score.current', "TimeGenerated" FROM `+schema+`."SecureScores" ORDER BY "TimeGenerated" LIMIT 1`).Scan(&props, &tg); err != nil {
		t.Fatal(err)
	}
	if props != "23.53" || !tg.Equal(old) {
		t.Errorf("read back %q %v", props, tg)
	}

	n, err := db.DeleteBefore(ctx, testWorkspace, recent.Add(-time.Hour))
	if err != nil || n != 6 {
		t.Fatalf("retention deleted %d, %v; want 6", n, err)
	}
	if n := count(t, db, testWorkspace, SecurityAlert); n != 1 {
		t.Errorf("after retention SecurityAlert has %d rows", n)
	}
	if err := db.Drop(ctx, testWorkspace); err != nil {
		t.Fatal(err)
	}
	if err := db.db.QueryRow(`SELECT count(*) FROM ` + schema + `."SecurityAlert"`).Scan(new(int)); err == nil {
		t.Error("a dropped workspace's table is still there")
	}
}

// TestAppendIsAtomic: a batch with a row that does not fit fails whole.
func TestAppendIsAtomic(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	db.Create(ctx, testWorkspace)
	rows := exampleRows(t, time.Now())
	bad := newRow(rows[0].Table)
	for i := range bad.Values {
		bad.Values[i] = struct{}{} // no column takes this
	}
	if err := db.Append(ctx, testWorkspace, append(rows, bad)); err == nil {
		t.Fatal("appended a malformed row")
	}
	for _, tb := range Tables() {
		if n := count(t, db, testWorkspace, tb.Name); n != 0 {
			t.Errorf("%s has %d rows after a failed batch", tb.Name, n)
		}
	}
}

// Concurrent appends share transactions, but a bad one fails only itself.
func TestGroupedAppendsFailAlone(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	db.Create(ctx, testWorkspace)
	rows := exampleRows(t, time.Now())
	bad := newRow(rows[0].Table)
	for i := range bad.Values {
		bad.Values[i] = struct{}{}
	}
	const good = 20
	var wg sync.WaitGroup
	errs := make([]error, good+1)
	for i := range good + 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			batch := rows
			if i == good {
				batch = append(append([]Row(nil), rows...), bad)
			}
			errs[i] = db.Append(ctx, testWorkspace, batch)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if (i == good) != (err != nil) {
			t.Fatalf("append %d: err = %v", i, err)
		}
	}
	for _, r := range rows[:1] {
		want := 0
		for _, x := range rows {
			if x.Table == r.Table {
				want += good
			}
		}
		if n := count(t, db, testWorkspace, r.Table.Name); n != want {
			t.Errorf("%s has %d rows, want %d", r.Table.Name, n, want)
		}
	}
}
