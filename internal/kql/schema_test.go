package kql

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// testNow is the fixed "now" of every test query; the dataset's times are
// around it.
var testNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// mapSchema is a Schema over a map, as the workspace will provide.
type mapSchema map[string]Table

func (m mapSchema) Table(name string) (Table, bool) {
	t, ok := m[name]
	return t, ok
}

// hiddenColumns are the columns every workspace table has and a query
// returns only when it names them; the workspace marks them Hidden, and so
// does loadSchema.
var hiddenColumns = map[string]bool{"_ResourceId": true, "_SubscriptionId": true, "_IsBillable": true, "_BilledSize": true}

// loadSchema reads the six workspace tables from testdata/tables.json, a
// copy of the shared spec's workspace-tables.json.
func loadSchema(t testing.TB) mapSchema {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "tables.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string][][2]string
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	s := mapSchema{}
	for name, cols := range raw {
		tbl := Table{Name: name}
		for _, c := range cols {
			tbl.Columns = append(tbl.Columns, Column{Name: c[0], Type: c[1], Hidden: hiddenColumns[c[0]]})
		}
		s[name] = tbl
	}
	return s
}

func (m mapSchema) names() []string {
	var ns []string
	for n := range m {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

// openDataset creates the tables in a fresh in-memory DuckDB and loads
// testdata/dataset.sql. String columns left out of an INSERT become "", as
// the storage convention requires.
func openDataset(t testing.TB, schema mapSchema) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// One connection and one thread: results without ORDER BY come back in
	// a stable order, so that golden files do not flap.
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("SET threads = 1"); err != nil {
		t.Fatal(err)
	}
	for _, name := range schema.names() {
		if _, err := db.Exec(CreateTableSQL(schema[name])); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join("testdata", "dataset.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(string(data)); err != nil {
		t.Fatalf("loading dataset.sql: %v", err)
	}
	for _, name := range schema.names() {
		for _, c := range schema[name].Columns {
			if c.Type == "string" || c.Type == "guid" {
				q := "UPDATE " + quoteIdent(name) + " SET " + quoteIdent(c.Name) + " = '' WHERE " + quoteIdent(c.Name) + " IS NULL"
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return db
}
