package kql

import (
	"database/sql"
	"reflect"
	"strings"
	"testing"
)

// semanticsSchema is a small table whose rows are written to make the tricky
// parts of KQL's semantics visible; the expected rows below are worked out
// by hand from them.
var semanticsSchema = mapSchema{
	"Events": {Name: "Events", Columns: []Column{
		{Name: "Id", Type: "long"}, {Name: "Text", Type: "string"}, {Name: "N", Type: "long"}, {Name: "R", Type: "real"},
		{Name: "T", Type: "datetime"}, {Name: "S", Type: "timespan"}, {Name: "D", Type: "dynamic"}, {Name: "K", Type: "string"},
	}},
	"Right": {Name: "Right", Columns: []Column{{Name: "K", Type: "string"}, {Name: "V", Type: "long"}}},
}

const semanticsRows = `
INSERT INTO "Events" VALUES
 (1, 'Error: disk full',  -15, -0.75, TIMESTAMP '1969-12-31 23:00:00', -18000000000, '{"x":"a","n":3,"b":true,"arr":[1,2]}', 'a'),
 (2, 'errors happened',   -10,  0.5,  TIMESTAMP '2026-03-10 00:00:00',  36000000000, '{"x":"A","n":1.5,"b":false,"arr":[]}', 'a'),
 (3, 'no-error-here',      -1,  NULL, TIMESTAMP '2026-03-10 06:00:00',  72000000000, '{"x":"b","n":"7"}', 'b'),
 (4, 'ERROR',               0,  1.0,  TIMESTAMP '2026-03-10 06:00:01',  72000000001, '{"n":null}', ''),
 (5, 'xerror',              9,  NULL, TIMESTAMP '2026-03-11 00:00:00',  NULL, NULL, ''),
 (6, '',                 NULL,  2.25, NULL, 0, '[1,2,3]', 'c');
INSERT INTO "Right" VALUES ('a', 10), ('a', 20), ('c', 30), ('', 40);
`

func openSemantics(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	for _, name := range []string{"Events", "Right"} {
		if _, err := db.Exec(CreateTableSQL(semanticsSchema[name])); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(semanticsRows); err != nil {
		t.Fatal(err)
	}
	return db
}

// rowsOf compiles and runs a query and returns its rows as text.
func rowsOf(t *testing.T, db *sql.DB, schema Schema, kql string) [][]string {
	t.Helper()
	q, err := Compile(kql, schema, testNow)
	if err != nil {
		t.Fatalf("%s: %v", kql, err)
	}
	out, err := runCSV(db, q)
	if err != nil {
		t.Fatalf("%s: %v\n%s", kql, err, q.SQL)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")[1:]
	rows := [][]string{}
	for _, l := range lines {
		rows = append(rows, strings.Split(l, ","))
	}
	return rows
}

func TestSemantics(t *testing.T) {
	db := openSemantics(t)
	for _, tc := range []struct {
		name, query string
		want        [][]string
	}{
		// has matches whole terms, case-insensitively; contains matches substrings.
		{"has term", `Events | where Text has "error" | project Id`, [][]string{{"1"}, {"3"}, {"4"}}},
		{"has_cs", `Events | where Text has_cs "Error" | project Id`, [][]string{{"1"}}},
		{"!has", `Events | where Text !has "error" | project Id`, [][]string{{"2"}, {"5"}, {"6"}}},
		{"has phrase", `Events | where Text has "disk full" | project Id`, [][]string{{"1"}}},
		{"has prefix of term is no match", `Events | where Text has "err" | project Id`, [][]string{}},
		{"contains", `Events | where Text contains "error" | project Id`, [][]string{{"1"}, {"2"}, {"3"}, {"4"}, {"5"}}},
		{"has_any", `Events | where Text has_any ("disk", "here") | project Id`, [][]string{{"1"}, {"3"}}},
		{"== is case-sensitive", `Events | where Text == "error" | count`, [][]string{{"0"}}},
		{"=~ is not", `Events | where Text =~ "error" | project Id`, [][]string{{"4"}}},

		// innerunique keeps one left row per key (two 'a' rows count once);
		// inner keeps them all; leftouter keeps unmatched left rows.
		{"innerunique", `Events | project K | join (Right) on K | summarize count() by K | order by K asc`,
			[][]string{{"", "1"}, {"a", "2"}, {"c", "1"}}},
		{"inner", `Events | project K | join kind=inner (Right) on K | summarize count() by K | order by K asc`,
			[][]string{{"", "2"}, {"a", "4"}, {"c", "1"}}},
		{"leftouter", `Events | project Id, K | join kind=leftouter (Right) on K | where K == "b" | project Id, K1, V`,
			[][]string{{"3", "", "<null>"}}},
		{"leftanti", `Events | join kind=leftanti (Right) on K | project Id`, [][]string{{"3"}}},

		// bin rounds down toward negative infinity, for numbers, timespans and datetimes.
		{"bin long negative", `Events | project Id, B = bin(N, 10) | order by Id asc`,
			[][]string{{"1", "-20"}, {"2", "-10"}, {"3", "-10"}, {"4", "0"}, {"5", "0"}, {"6", "<null>"}}},
		{"bin real negative", `Events | where Id in (1, 2) | project B = bin(R, 0.5)`, [][]string{{"-1"}, {"0.5"}}},
		{"bin timespan negative", `Events | where Id in (1, 2) | project B = bin(S, 1h)`, [][]string{{"-01:00:00"}, {"01:00:00"}}},
		{"bin datetime before 1970", `Events | where Id == 1 | project B = bin(T, 1d)`, [][]string{{"1969-12-31T00:00:00Z"}}},

		// null is a group of its own in summarize by; "" is a value.
		{"null key", `Events | summarize count() by R | order by R asc`,
			[][]string{{"<null>", "2"}, {"-0.75", "1"}, {"0.5", "1"}, {"1", "1"}, {"2.25", "1"}}},
		{"empty string key", `Events | summarize count() by K | order by K asc`,
			[][]string{{"", "2"}, {"a", "2"}, {"b", "1"}, {"c", "1"}}},
		{"dcount ignores null", `Events | summarize dcount(R), dcount(K)`, [][]string{{"4", "4"}}},

		// dynamic values compare with strings (case-sensitively), numbers and bools; null equals nothing.
		{"dynamic == string", `Events | where D.x == "a" | project Id`, [][]string{{"1"}}},
		{"dynamic =~ string", `Events | where D.x =~ "a" | project Id`, [][]string{{"1"}, {"2"}}},
		{"dynamic > number", `Events | where D.n > 2 | project Id`, [][]string{{"1"}, {"3"}}},
		{"dynamic == bool", `Events | where D.b == true | project Id`, [][]string{{"1"}}},
		{"dynamic index", `Events | where D.arr[0] == 1 | project Id`, [][]string{{"1"}}},
		{"dynamic missing != value", `Events | where D.x != "a" | project Id`, [][]string{{"2"}, {"3"}}},
		{"tostring of missing is empty", `Events | where isempty(tostring(D.x)) | project Id`, [][]string{{"4"}, {"5"}, {"6"}}},
		{"array_length", `Events | project Id, L = array_length(D.arr), M = array_length(D) | order by Id asc`,
			[][]string{{"1", "2", "<null>"}, {"2", "0", "<null>"}, {"3", "<null>", "<null>"}, {"4", "<null>", "<null>"}, {"5", "<null>", "<null>"}, {"6", "<null>", "3"}}},

		// mv-expand gives an array's null element as null.
		{"mv-expand null element", `datatable (D: dynamic) [dynamic([1, null, "x"])] | mv-expand D | project N = isnull(D), S = tostring(D)`,
			[][]string{{"false", "1"}, {"true", ""}, {"false", "x"}}},

		// between is inclusive at both ends; a timespan upper bound counts from the lower one.
		{"between datetimes", `Events | where T between (datetime(2026-03-10) .. datetime(2026-03-10 06:00)) | project Id`, [][]string{{"2"}, {"3"}}},
		{"between datetime and timespan", `Events | where T between (datetime(2026-03-10) .. 6h) | project Id`, [][]string{{"2"}, {"3"}}},
		{"between timespans", `Events | where S between (1h .. 2h) | project Id`, [][]string{{"2"}, {"3"}}},
		{"!between", `Events | where N !between (-10 .. 0) | project Id`, [][]string{{"1"}, {"5"}}},

		// order by is descending by default, nulls last; ascending puts nulls first.
		{"order default", `Events | order by R | project Id`, [][]string{{"6"}, {"4"}, {"2"}, {"1"}, {"3"}, {"5"}}},
		{"order asc", `Events | order by R asc, Id asc | project Id`, [][]string{{"3"}, {"5"}, {"1"}, {"2"}, {"4"}, {"6"}}},

		// Arithmetic: long division truncates; int and long mix to long.
		{"long division", `Events | where Id == 1 | project A = N / 2, B = N % 4, C = N * 1.0 / 2`, [][]string{{"-7", "-3", "-7.5"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := rowsOf(t, db, semanticsSchema, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}
