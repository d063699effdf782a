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
	"Many":  {Name: "Many", Columns: []Column{{Name: "Id", Type: "long"}, {Name: "U", Type: "string"}, {Name: "G", Type: "string"}}},
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
-- 10000 rows, 1000 distinct users: user-(Id % 1000); G is even or odd with Id.
INSERT INTO "Many" SELECT i, 'user-' || (i % 1000), CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END FROM range(10000) t(i);
`

func openSemantics(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	for _, name := range []string{"Events", "Right", "Many"} {
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

		// between is inclusive at both ends; a timespan upper bound counts from the lower one.
		{"between datetimes", `Events | where T between (datetime(2026-03-10) .. datetime(2026-03-10 06:00)) | project Id`, [][]string{{"2"}, {"3"}}},
		{"between datetime and timespan", `Events | where T between (datetime(2026-03-10) .. 6h) | project Id`, [][]string{{"2"}, {"3"}}},
		{"between timespans", `Events | where S between (1h .. 2h) | project Id`, [][]string{{"2"}, {"3"}}},
		{"!between", `Events | where N !between (-10 .. 0) | project Id`, [][]string{{"1"}, {"5"}}},

		// order by is descending by default, nulls last; ascending puts nulls first.
		{"order default", `Events | order by R | project Id`, [][]string{{"6"}, {"4"}, {"2"}, {"1"}, {"3"}, {"5"}}},
		{"order asc", `Events | order by R asc, Id asc | project Id`, [][]string{{"3"}, {"5"}, {"1"}, {"2"}, {"4"}, {"6"}}},

		// has with punctuation in the text or the term: the term is matched as
		// a phrase of whole terms, case-insensitively unless _cs.
		{"has phrase with dash", `Events | where Text has "no-error" | project Id`, [][]string{{"3"}}},
		{"has phrase at end", `Events | where Text has "error-here" | project Id`, [][]string{{"3"}}},
		{"hasprefix", `Events | where Text hasprefix "dis" | project Id`, [][]string{{"1"}}},
		{"hassuffix", `Events | where Text hassuffix "ror" | project Id`, [][]string{{"1"}, {"3"}, {"4"}, {"5"}}},
		{"has_cs upper", `Events | where Text has_cs "ERROR" | project Id`, [][]string{{"4"}}},
		{"!has_cs", `Events | where Text !has_cs "error" | project Id`, [][]string{{"1"}, {"2"}, {"4"}, {"5"}, {"6"}}},
		{"has_any case", `Events | where Text has_any ("ERROR", "happened") | project Id`, [][]string{{"1"}, {"2"}, {"3"}, {"4"}}},
		{"has_all", `Events | where Text has_all ("no", "here") | project Id`, [][]string{{"3"}}},

		// innerunique keeps one of the left rows with the same key, whichever
		// it is, and joins it with every matching right row.
		{"innerunique one left row", `Events | where K == "a" | join kind=innerunique (Right) on K | summarize Rows = count(), LeftIds = dcount(Id), SumV = sum(V)`,
			[][]string{{"2", "1", "30"}}},
		{"inner every left row", `Events | where K == "a" | join kind=inner (Right) on K | summarize Rows = count(), LeftIds = dcount(Id), SumV = sum(V)`,
			[][]string{{"4", "2", "60"}}},

		// dcount is exact over many distinct values.
		{"dcount many", `Many | summarize dcount(U), dcount(Id), count()`, [][]string{{"1000", "10000", "10000"}}},
		{"dcount by group", `Many | summarize dcount(U) by G | order by G asc`, [][]string{{"even", "500"}, {"odd", "500"}}},
		{"dcountif", `Many | summarize dcountif(U, Id < 700), dcountif(U, Id % 1000 == 7)`, [][]string{{"700", "1"}}},

		// bin on negative numbers and timespans rounds toward negative
		// infinity; a value on a boundary stays.
		{"bin long boundaries", `Events | project Id, B = bin(N, 5) | order by Id asc`,
			[][]string{{"1", "-15"}, {"2", "-10"}, {"3", "-5"}, {"4", "0"}, {"5", "5"}, {"6", "<null>"}}},
		{"bin real below zero", `Events | where isnotnull(R) | project Id, B = bin(R, 1) | order by Id asc`,
			[][]string{{"1", "-1"}, {"2", "0"}, {"4", "1"}, {"6", "2"}}},
		{"bin timespan odd size", `Events | where Id in (1, 2) | project B = bin(S, 7m) | order by B asc`, [][]string{{"-00:35:00"}, {"00:56:00"}}},
		{"bin negative timespan literal", `Events | where Id == 1 | project A = bin(-30m, 1h), B = bin(-1h, 1h), C = bin(-61m, 1h)`,
			[][]string{{"-01:00:00", "-01:00:00", "-02:00:00"}}},

		// Kusto's documented bin examples; a bin size that is zero or
		// negative, constant or not, gives null.
		{"bin documented", `Events | where Id == 1 | project bin(4.5, 1), bin(16d, 7d), bin(datetime(1970-05-11 13:45:07), 1d)`,
			[][]string{{"4", "14.00:00:00", "1970-05-11T00:00:00Z"}}},
		{"bin size not positive", `Events | where Id in (1, 4, 5) | project Id, A = bin(5, -1), B = bin(1h, -1m), C = bin(4.5, 0.0), D = bin(7, N) | order by Id asc`,
			[][]string{{"1", "<null>", "<null>", "<null>", "<null>"}, {"4", "<null>", "<null>", "<null>", "<null>"}, {"5", "<null>", "<null>", "<null>", "0"}}},

		// between with timespans, negative ones included, and with a datetime
		// and a timespan; both ends are inclusive.
		{"between negative timespans", `Events | where S between (-1h .. 0s) | project Id`, [][]string{{"1"}, {"6"}}},
		{"between equal timespans", `Events | where S between (2h .. 2h) | project Id`, [][]string{{"3"}}},
		{"between datetime plus 1s", `Events | where T between (datetime(2026-03-10 06:00) .. 1s) | project Id`, [][]string{{"3"}, {"4"}}},
		{"!between timespans", `Events | where isnotnull(S) and S !between (0s .. 1h) | project Id`, [][]string{{"1"}, {"3"}, {"4"}}},

		// More dynamic comparisons: bools, lists, reals, array elements.
		{"dynamic == false", `Events | where D.b == false | project Id`, [][]string{{"2"}}},
		{"dynamic in list", `Events | where D.x in ("a", "b") | project Id`, [][]string{{"1"}, {"3"}}},
		{"dynamic == real", `Events | where D.n == 1.5 | project Id`, [][]string{{"2"}}},
		{"dynamic < number skips null", `Events | where Id != 3 and D.n < 2 | project Id`, [][]string{{"2"}}},
		{"dynamic element", `Events | where D.arr[1] == 2 | project Id`, [][]string{{"1"}}},
		{"dynamic top-level array", `Events | where D[0] == 1 | project Id`, [][]string{{"6"}}},
		{"tostring of dynamic string", `Events | where tostring(D.n) == "7" | project Id`, [][]string{{"3"}}},

		// null in summarize by is a group of its own; aggregates skip nulls;
		// a missing dynamic member made a string is "", not null.
		{"null long key", `Events | summarize c = count() by N | order by N asc`,
			[][]string{{"<null>", "1"}, {"-15", "1"}, {"-10", "1"}, {"-1", "1"}, {"0", "1"}, {"9", "1"}}},
		{"null datetime key", `Events | summarize c = count() by T | where isnull(T)`, [][]string{{"<null>", "1"}}},
		{"missing member key", `Events | summarize c = count() by X = tostring(D.x) | order by X asc`,
			[][]string{{"", "3"}, {"A", "1"}, {"a", "1"}, {"b", "1"}}},
		{"aggregates skip null", `Events | summarize s = sum(R), a = avg(R), mn = min(R), mx = max(R), n = countif(isnull(R))`,
			[][]string{{"3", "0.75", "-0.75", "2.25", "2"}}},

		// arg_max and arg_min skip rows whose value is null, but a group
		// where it is null in every row still gives one of its rows.
		{"arg_max null values", `Events | summarize arg_max(R, Id) by K | order by K asc`,
			[][]string{{"", "1", "4"}, {"a", "0.5", "2"}, {"b", "<null>", "3"}, {"c", "2.25", "6"}}},
		{"arg_min null values", `Events | summarize arg_min(R, Id) by K | order by K asc`,
			[][]string{{"", "1", "4"}, {"a", "-0.75", "1"}, {"b", "<null>", "3"}, {"c", "2.25", "6"}}},

		// take_any of several values takes them all from the same row.
		{"take_any same row", `Events | where K == "a" | summarize take_any(Id, Text, R) | project Same = (Id == 1 and Text == "Error: disk full" and R == -0.75) or (Id == 2 and Text == "errors happened" and R == 0.5)`,
			[][]string{{"true"}}},
		{"take_any star", `Events | where Id in (3, 5) | summarize take_any(*) by K | project Same = (Id == 3 and K == "b" and Text == "no-error-here") or (Id == 5 and K == "" and Text == "xerror") | distinct Same`,
			[][]string{{"true"}}},

		// parse_json("") is null; [] and {} are not (Kusto's isnull table).
		{"parse_json empty", `Events | where Id == 6 | project a = isnull(parse_json(Text)), b = isnull(parse_json("[]")), c = isnull(parse_json("{}")), d = isnull(todynamic(""))`,
			[][]string{{"true", "false", "false", "true"}}},

		// union fills a string column a leg lacks with "", as strings are never
		// null in Kusto; other types with null.
		{"union missing string", `union (Right | project K, V), (Events | where Id == 1 | project Id) | where isnotnull(Id) | project K, V, Id, e = isempty(K), n = isnull(K)`,
			[][]string{{"", "<null>", "1", "true", "false"}}},

		// coalesce of dynamic values takes the first that is not null.
		{"coalesce dynamic", `Events | project Id, c = tostring(coalesce(D.x, D.n)) | order by Id asc`,
			[][]string{{"1", "a"}, {"2", "A"}, {"3", "b"}, {"4", ""}, {"5", ""}, {"6", ""}}},

		// make_set of arrays is the set of their elements (Kusto's documented
		// example); other dynamic values count as themselves.
		{"make_set of arrays", `Events | summarize s = make_set(D.arr) | project n = array_length(s), a = tostring(s[0]), b = tostring(s[1])`,
			[][]string{{"2", "1", "2"}}},
		{"make_set of mixed dynamic", `Events | summarize s = make_set(D) | project n = array_length(s)`, [][]string{{"7"}}},

		// mv-expand: an empty array gives no row; a top-level array one per element.
		{"mv-expand empty array", `Events | where Id in (1, 2) | mv-expand a = D.arr | project Id, a`, [][]string{{"1", "1"}, {"1", "2"}}},
		{"mv-expand only empty", `Events | where Id == 2 | mv-expand D.arr | count`, [][]string{{"0"}}},
		{"mv-expand top-level array", `Events | where Id == 6 | mv-expand D | project D`, [][]string{{"1"}, {"2"}, {"3"}}},

		// datetime_diff by week counts the Sundays that start a week, as Kusto's weeks do.
		{"datetime_diff week", `Events | where isnotnull(T) | project Id, W = datetime_diff('week', T, datetime(2026-03-07 23:59)) | order by Id asc`,
			[][]string{{"1", "-2931"}, {"2", "1"}, {"3", "1"}, {"4", "1"}, {"5", "1"}}},

		// indexof and substring with start indexes, negative ones counting
		// from the end, and lengths (Kusto's documented examples).
		{"indexof start and length", `Events | where Id == 1 | project indexof("abcdefg", "cde"), indexof("abcdefg", "cde", 1, 4), indexof("abcdefg", "cde", 1, 2), indexof("abcdefg", "cde", 3, 4), indexof("abcdefg", "cde", -5), indexof(1234567, 5, 1, 4), indexof("abcdefg", "cde", 2, -1), indexof("abc", "c", 0, -2)`,
			[][]string{{"2", "2", "-1", "-1", "2", "4", "2", "<null>"}}},
		{"substring from the end", `Events | where Id == 1 | project substring("123456", 1), substring("123456", 2, 2), substring("ABCD", 0, 2), substring("123456", -2, 2), substring("123456", -10, 2)`,
			[][]string{{"23456", "34", "AB", "56", "12"}}},

		// round to digits, negative ones too, against bin to a multiple (Kusto's documented examples).
		{"round and bin", `Events | where Id == 1 | project round(2.98765, 3), round(2.15, 1), round(2.15), round(-50.55, -2), round(21.5, -1), bin(2.15, 1)`,
			[][]string{{"2.988", "2.2", "2", "-100", "20", "2"}}},

		// Negation keeps an int an int and a dynamic number dynamic; abs makes
		// an int long and takes a timespan.
		{"negation and abs", `Events | where Id in (1, 2) | project Id, a = abs(int(-3)), b = -int(3), c = tostring(-D.n), d = abs(-1h), e = -S | order by Id asc`,
			[][]string{{"1", "3", "-3", "-3", "01:00:00", "00:30:00"}, {"2", "3", "-3", "-1.5", "01:00:00", "-01:00:00"}}},
		// A constant key groups everything; a constant sort key changes nothing
		// (DuckDB must not read them as column positions).
		{"constant keys", `Events | summarize n = count() by k = 1h, j = 5 | order by 2 | project n, k, j`, [][]string{{"6", "01:00:00", "5"}}},

		// take and top take a constant expression, not just a literal.
		{"take expression", `Events | take 2 * 2 | count`, [][]string{{"4"}}},
		{"top expression", `Events | top toint("2") by Id asc | project Id`, [][]string{{"1"}, {"2"}}},

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
