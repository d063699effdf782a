package kql

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenCase is one folder of testdata/golden: input.kql, and either
// output.sql and output.csv (the SQL and the rows it returns against the
// test data set) or output.err (the error, for queries Kusto rejects too).
type goldenCase struct {
	name, dir, input string
}

func goldenCases(t testing.TB) []goldenCase {
	t.Helper()
	root := filepath.Join("testdata", "golden")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(root, e.Name())
		b, err := os.ReadFile(filepath.Join(dir, "input.kql"))
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, goldenCase{name: e.Name(), dir: dir, input: string(b)})
	}
	return cases
}

func TestGolden(t *testing.T) {
	schema := loadSchema(t)
	db := openDataset(t, schema)
	for _, gc := range goldenCases(t) {
		t.Run(gc.name, func(t *testing.T) {
			if *update {
				for _, f := range []string{"output.sql", "output.csv", "output.err"} {
					os.Remove(filepath.Join(gc.dir, f))
				}
			}
			q, err := Compile(gc.input, schema, testNow)
			if err != nil {
				var ce *Error
				if !errors.As(err, &ce) {
					t.Fatalf("Compile returned %T, want *Error: %v", err, err)
				}
				checkGolden(t, filepath.Join(gc.dir, "output.err"), fmt.Sprintf("%s %s\n", ce.Code, ce.Error()))
				return
			}
			checkGolden(t, filepath.Join(gc.dir, "output.sql"), formatSQL(q))
			out, err := runCSV(db, q)
			if err != nil {
				t.Fatalf("running the SQL: %v\n%s", err, q.SQL)
			}
			checkGolden(t, filepath.Join(gc.dir, "output.csv"), out)
		})
	}
}

// checkGolden compares got with the file, or rewrites the file with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run go test ./internal/kql -update and review the diff)\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// formatSQL writes the SQL with its arguments as trailing comments.
func formatSQL(q *Query) string {
	var b strings.Builder
	b.WriteString(q.SQL)
	b.WriteString("\n")
	for i, a := range q.Args {
		enc, _ := json.Marshal(a)
		fmt.Fprintf(&b, "-- $%d = %s\n", i+1, enc)
	}
	return b.String()
}

// runCSV runs q and writes its result as CSV: a header of name:type, then
// the rows, with values as Kusto prints them and <null> for null.
func runCSV(db *sql.DB, q *Query) (string, error) {
	rows, err := db.Query(q.SQL, q.Args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	if len(cols) != len(q.Columns) {
		return "", fmt.Errorf("the SQL returns %d columns, the query declares %d", len(cols), len(q.Columns))
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := make([]string, len(cols))
	for i, c := range q.Columns {
		if cols[i] != c.Name {
			return "", fmt.Errorf("column %d is %q in SQL, %q in the query", i, cols[i], c.Name)
		}
		header[i] = c.Name + ":" + c.Type
	}
	w.Write(header)
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		rec := make([]string, len(cols))
		for i, v := range vals {
			rec[i] = formatValue(v, q.Columns[i].Type)
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.String(), rows.Err()
}

func formatValue(v any, typ string) string {
	switch v := v.(type) {
	case nil:
		return "<null>"
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return strconv.FormatFloat(v, 'g', -1, 64)
		}
		return strconv.FormatFloat(v, 'g', 15, 64)
	case int64:
		if typ == "timespan" {
			return FormatTimespan(v)
		}
		return strconv.FormatInt(v, 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return v
	case []byte:
		return string(v)
	}
	return fmt.Sprintf("%v", v)
}
