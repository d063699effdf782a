package kql

import (
	"database/sql"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

// mixSchema is a table whose dynamic column holds, besides bags, a stored
// top-level JSON null; the rows below are worked out by hand.
var mixSchema = mapSchema{
	"Bags": {Name: "Bags", Columns: []Column{{Name: "Id", Type: "long"}, {Name: "B", Type: "dynamic"}, {Name: "G", Type: "string"}}},
}

const mixRows = `
INSERT INTO "Bags" VALUES
 (1, '{"n":null,"s":"x","v":2}', 'a'),
 (2, 'null', 'a'),
 (3, NULL, 'b'),
 (4, '{"n":0,"s":null,"v":null}', 'b'),
 (5, '{"n":[null,1],"s":"","v":5}', 'b');
`

// TestDynamicNull checks that a dynamic value holding JSON null (a member,
// an array element, parse_json('null') or a stored value) is null, as the
// null dynamic value is in Kusto: isnull() is true, aggregates skip it.
func TestDynamicNull(t *testing.T) {
	db := openSemantics(t)
	if _, err := db.Exec(CreateTableSQL(mixSchema["Bags"])); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(mixRows); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		schema Schema
		query  string
		want   [][]string
	}{
		// Events row 4 holds {"n":null}; row 5 a null D; row 6 an array.
		{"isnull member", semanticsSchema, `Events | where isnull(D.n) | project Id`, [][]string{{"4"}, {"5"}, {"6"}}},
		{"isnotnull member", semanticsSchema, `Events | where isnotnull(D.n) | project Id`, [][]string{{"1"}, {"2"}, {"3"}}},
		{"null member in a projection", semanticsSchema, `Events | where Id == 4 | project A = isnull(D.n), B = isempty(D.n), C = tostring(D.n), T = gettype(D.n), N = D.n`,
			[][]string{{"true", "true", "", "null", "<null>"}}},
		{"null member is no number", semanticsSchema, `Events | where D.n >= 0 or D.n < 0 | project Id`, [][]string{{"1"}, {"2"}, {"3"}}},
		{"make_list skips null members", semanticsSchema, `Events | summarize L = tostring(make_list(D.n)), S = array_length(make_set(D.n))`,
			[][]string{{`[3,1.5,"7"]`, "3"}}},
		{"parse_json null", semanticsSchema, `print A = isnull(parse_json('null')), B = isnull(parse_json('{"n":null}').n), C = isnotnull(parse_json('{"n":0}').n), D = isnull(parse_json('[null]')[0])`,
			[][]string{{"true", "true", "true", "true"}}},

		// Bags: row 2 stores JSON null itself, row 3 SQL NULL.
		{"stored null", mixSchema, `Bags | where isnull(B) | project Id`, [][]string{{"2"}, {"3"}}},
		{"stored null not empty bag", mixSchema, `Bags | where isnotnull(B) | project Id`, [][]string{{"1"}, {"4"}, {"5"}}},
		{"null members", mixSchema, `Bags | project Id, N = isnull(B.n), S = isnull(B.s), V = isnull(B.v), E = isnull(B.n[0])`,
			[][]string{{"1", "true", "false", "false", "true"}, {"2", "true", "true", "true", "true"}, {"3", "true", "true", "true", "true"},
				{"4", "false", "true", "true", "true"}, {"5", "false", "false", "false", "true"}}},
		{"countif and sum over null members", mixSchema, `Bags | summarize Nulls = countif(isnull(B.v)), Sum = sum(toint(B.v)), L = array_length(make_list(B.v)) by G | order by G asc`,
			[][]string{{"a", "1", "2", "1"}, {"b", "2", "5", "1"}}},
		{"null member joins nothing", mixSchema, `Bags | extend K = tostring(B.s) | join kind=inner (Bags | extend K = tostring(B.s)) on K | where isnotempty(K) | project Id, Id1`,
			[][]string{{"1", "1"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := csvRowsOf(t, db, tc.schema, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}

// csvRowsOf compiles and runs a query and returns its rows, read as CSV
// so that values may hold commas and quotes. rowsOf (semantics_test.go)
// splits the raw lines instead, keeping the CSV quoting ("" for an empty
// string) that its tests' expected rows spell out.
func csvRowsOf(t *testing.T, db *sql.DB, schema Schema, kql string) [][]string {
	t.Helper()
	q, err := Compile(kql, schema, testNow)
	if err != nil {
		t.Fatalf("%s: %v", kql, err)
	}
	out, err := runCSV(db, q)
	if err != nil {
		t.Fatalf("%s: %v\n%s", kql, err, q.SQL)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return append([][]string{}, recs[1:]...)
}

// TestInRuntimeArray checks X in (a) where a is a dynamic array known only
// when the query runs, as a toscalar(... make_set(...)) let value is.
func TestInRuntimeArray(t *testing.T) {
	db := openSemantics(t)
	for _, tc := range []struct {
		name, query string
		want        [][]string
	}{
		{"strings", `let xs = toscalar(Events | where Id <= 2 | summarize make_set(Text)); Events | where Text in (xs) | project Id`,
			[][]string{{"1"}, {"2"}}},
		{"in~", `let xs = toscalar(Events | where Id == 1 | summarize make_list(tolower(Text))); Events | where Text in~ (xs) | project Id`,
			[][]string{{"1"}}},
		{"in is case-sensitive", `let xs = toscalar(Events | where Id == 4 | summarize make_list(tolower(Text))); Events | where Text in (xs) | count`,
			[][]string{{"0"}}},
		{"numbers", `let ns = toscalar(Events | where Id in (1, 5) | summarize make_list(N)); Events | where N in (ns) | project Id`,
			[][]string{{"1"}, {"5"}}},
		{"!in skips null", `let ns = toscalar(Events | where Id in (1, 5) | summarize make_list(N)); Events | where N !in (ns) | project Id`,
			[][]string{{"2"}, {"3"}, {"4"}}},
		{"array and constants", `let ns = toscalar(Events | where Id in (1, 5) | summarize make_list(N)); Events | where N in (ns, 0) | project Id`,
			[][]string{{"1"}, {"4"}, {"5"}}},
		{"empty array", `let xs = toscalar(Events | where Id > 100 | summarize make_set(Text)); Events | where Text !in (xs) | count`,
			[][]string{{"6"}}},
		{"dynamic member", `let xs = toscalar(Events | summarize make_set(K)); Events | where D.x in (xs) | project Id`,
			[][]string{{"1"}, {"3"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := csvRowsOf(t, db, semanticsSchema, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}

// TestSummarizeConstantKeys checks summarize by keys that are constants,
// as a let function's parameter is once called: they name a column and do
// not split the groups, and no rows still give no group.
func TestSummarizeConstantKeys(t *testing.T) {
	db := openSemantics(t)
	for _, tc := range []struct {
		name, query string
		want        [][]string
	}{
		{"string key", `Events | summarize C = count() by K = "x"`, [][]string{{"x", "6"}}},
		{"parameter key", `let f = (k: string) { Events | summarize C = count() by Tag = k, K | order by K asc }; f("p")`,
			[][]string{{"p", "", "2"}, {"p", "a", "2"}, {"p", "b", "1"}, {"p", "c", "1"}}},
		{"long key after a column", `Events | summarize C = count() by K, L = 5 | order by K asc`,
			[][]string{{"", "5", "2"}, {"a", "5", "2"}, {"b", "5", "1"}, {"c", "5", "1"}}},
		{"no rows no group", `Events | where Id > 100 | summarize C = count() by K = "x"`, [][]string{}},
		{"with arg_max", `Events | summarize arg_max(Id, Text) by K = "x"`, [][]string{{"x", "6", ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := csvRowsOf(t, db, semanticsSchema, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}

// TestHasRuntimeTerms checks has_any and has_all over terms known only when
// the query runs (a toscalar list or a tabular expression): the same
// answers as with constant terms.
func TestHasRuntimeTerms(t *testing.T) {
	db := openSemantics(t)
	for _, tc := range []struct {
		name, query string
		want        [][]string
	}{
		{"has_any list", `let ts = toscalar(print dynamic(["disk", "here"])); Events | where Text has_any (ts) | project Id`, [][]string{{"1"}, {"3"}}},
		{"has_any case-insensitive terms", `let ts = toscalar(print dynamic(["ERROR"])); Events | where Text has_any (ts) | project Id`, [][]string{{"1"}, {"3"}, {"4"}}},
		{"has_any term prefix is no match", `let ts = toscalar(print dynamic(["err"])); Events | where Text has_any (ts) | count`, [][]string{{"0"}}},
		{"has_any phrase with dash", `let ts = toscalar(print dynamic(["no-error"])); Events | where Text has_any (ts) | project Id`, [][]string{{"3"}}},
		{"has_any list and constant", `let ts = toscalar(print dynamic(["disk"])); Events | where Text has_any (ts, "happened") | project Id`, [][]string{{"1"}, {"2"}}},
		{"has_any table", `let ts = datatable (T: string) ["full", "xerror"]; Events | where Text has_any (ts) | project Id`, [][]string{{"1"}, {"5"}}},
		{"has_all list", `let ts = toscalar(print dynamic(["no", "here"])); Events | where Text has_all (ts) | project Id`, [][]string{{"3"}}},
		{"has_all table", `let ts = datatable (T: string) ["error", "disk"]; Events | where Text has_all (ts) | project Id`, [][]string{{"1"}}},
		{"no terms", `let ts = toscalar(Events | where Id > 100 | summarize make_list(Text)); Events | where Text has_any (ts) or Text has_all (ts) | count`, [][]string{{"0"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := csvRowsOf(t, db, semanticsSchema, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}

// TestInRuntimeArrayTypes checks that X in (a) over a runtime array
// compares a string only with the string elements and a number only with
// the numbers, as Kusto compares values of one type.
func TestInRuntimeArrayTypes(t *testing.T) {
	db := openSemantics(t)
	for _, tc := range []struct {
		name, query string
		want        [][]string
	}{
		{"number is not its text", `let xs = toscalar(print dynamic(["9", -15])); Events | where N in (xs) | project Id`, [][]string{{"1"}}},
		{"text is not a number", `let xs = toscalar(print dynamic([1, "a"])); Events | where K in (xs) | project Id`, [][]string{{"1"}, {"2"}}},
		{"real elements", `let xs = toscalar(print dynamic([0.5, 2.25])); Events | where R in (xs) | project Id`, [][]string{{"2"}, {"6"}}},
		{"in~ skips numbers", `let xs = toscalar(print dynamic(["B", 1])); Events | where K in~ (xs) | project Id`, [][]string{{"3"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := csvRowsOf(t, db, semanticsSchema, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}

// TestMakeListTimes checks that datetimes and timespans made dynamic by
// make_list and make_set are Kusto's text forms, as bag_pack makes them,
// and that they come back out of the array as the same values.
func TestMakeListTimes(t *testing.T) {
	db := openSemantics(t)
	for _, tc := range []struct {
		name, query string
		want        [][]string
	}{
		{"make_set datetimes", `Events | where Id in (2, 3) | summarize L = tostring(make_set(T))`, [][]string{{`["2026-03-10T00:00:00Z","2026-03-10T06:00:00Z"]`}}},
		{"make_set timespans", `Events | where Id in (2, 3, 5) | summarize L = tostring(make_set(S))`, [][]string{{`["01:00:00","02:00:00"]`}}},
		{"make_list_if negative timespan", `Events | summarize L = tostring(make_list_if(S, Id == 1))`, [][]string{{`["-00:30:00"]`}}},
		{"round trip", `Events | where Id in (2, 3) | summarize L = make_list(T) | mv-expand L to typeof(datetime) | summarize Min = min(L), Max = max(L)`,
			[][]string{{"2026-03-10T00:00:00Z", "2026-03-10T06:00:00Z"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := csvRowsOf(t, db, semanticsSchema, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}
