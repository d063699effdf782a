package kql

import (
	"reflect"
	"strings"
	"testing"
)

// typedSource is a table of the values a typed mv-expand must expand as the
// JSON one does: arrays of objects and of other things (null, numbers,
// strings, arrays, an empty object), members of every JSON type, duplicate
// and differently cased keys, a property bag, scalars, JSON null, text that
// is not JSON or JSON only to a lenient reader, and the empty string.
const typedSource = `datatable (Id: long, S: string) [
	1, @'[{"Type":"host","HostName":"h1"}, {"Type":"account","Name":"u"}, null, 5, "x", [1], {"Type":1.50,"HostName":{"a" : [1, 2]}}, {"Type":"dup","Type":"dup2"}, {}]',
	2, @'{"Type":"bag","HostName":"hb"}',
	3, @'not json',
	4, @'',
	5, @'null',
	6, @'[]',
	7, @'"[1]"',
	8, @'7',
	9, @'[{"type":"lower","HostName":true}, {"Type":null,"HostName":false}]',
	10, @'  [ {"HostName" : "spaced"} ]  ',
	11, @'[1e3, {"Type": 12345678901234567890123, "HostName": -0.0}, {"Type": "a\u00e9\n\"q\""}]',
	12, @'[[{"Type":"nested"}]]',
	13, @'{}',
	14, @'[{"Type":"trailing"},]',
	15, @'[{"Type":"garbage"}] x',
	16, @'[{"Type":"c"} /* comment */, {"HostName":"after"}]',
	17, @'[{"Type":"a"}, {"Type":"a"}, {"Type":"b","HostName":"hb"}]'
]`

func TestTypedMvExpand(t *testing.T) {
	db := openSemantics(t)
	// Each query is run as it is, which takes the typed path, and with
	// Keep = X added to the extend after mv-expand: a bare use of X, which
	// keeps the JSON path. Keep is dropped by what follows, so both must
	// give the same rows.
	for _, tc := range []struct{ name, query, keep string }{
		{"string column", typedSource + ` | extend X = parse_json(S) | mv-expand X | extend T = tostring(X.Type), H = tostring(X.HostName) | summarize n = count() by Id, T, H | order by Id asc, T asc, H asc`,
			`H = tostring(X.HostName)`},
		{"todynamic, where, join", typedSource + ` | extend X = todynamic(S) | mv-expand X | extend T = tostring(X.Type) | where T != "" | join kind=inner (datatable (Id: long, W: string) [1, "one", 11, "eleven", 2, "two"]) on Id | summarize n = count(), Hs = make_set(tostring(X.HostName)) by Id, T, W | order by Id asc, T asc`,
			`T = tostring(X.Type)`},
		{"dynamic column", typedSource + ` | project Id, D = parse_json(S) | mv-expand D | extend T = tostring(D.Type) | project Id, T, H = tostring(D.HostName) | summarize n = count() by Id, T, H | order by Id asc, T asc, H asc`,
			`T = tostring(D.Type)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keeping := strings.Replace(tc.query, tc.keep, tc.keep+", Keep = "+tc.keep[strings.Index(tc.keep, "(")+1:strings.Index(tc.keep, ".")], 1)
			if keeping == tc.query {
				t.Fatalf("no %q in the query", tc.keep)
			}
			typed, err := Compile(tc.query, semanticsSchema, testNow)
			if err != nil {
				t.Fatal(err)
			}
			plain, err := Compile(keeping, semanticsSchema, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(typed.SQL, "from_json(") || strings.Contains(plain.SQL, "from_json(") {
				t.Fatalf("expected the typed path only without Keep:\n%s\n%s", typed.SQL, plain.SQL)
			}
			got, want := rowsOf(t, db, semanticsSchema, tc.query), rowsOf(t, db, semanticsSchema, keeping)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("typed:\n%v\nJSON:\n%v", got, want)
			}
			if len(want) < 5 {
				t.Errorf("only %d rows: %v", len(want), want)
			}
		})
	}

	// Worked by hand: a property bag expands to one-entry bags, text that is
	// not JSON to itself, an array's null element and non-objects to empty
	// members, and a number member is its JSON text.
	got := rowsOf(t, db, semanticsSchema, typedSource+` | where Id in (1, 2, 3) | extend X = parse_json(S) | mv-expand X | extend T = tostring(X.Type), H = tostring(X.HostName) | summarize n = count() by Id, T, H | order by Id asc, T asc, H asc`)
	want := [][]string{
		{"1", "", "", "5"}, // null, 5, "x", [1], {}
		{"1", "1.5", `{"a":[1`, `2]}`, "1"},
		{"1", "account", "", "1"},
		{"1", "dup", "", "1"},
		{"1", "host", "h1", "1"},
		{"2", "", "hb", "1"},
		{"2", "bag", "", "1"},
		{"3", "", "", "1"},
	}
	// runCSV's rows are split on commas here, quotes and all.
	for i, r := range got {
		got[i] = []string{strings.Join(r, ",")}
	}
	wantRows := make([][]string, len(want))
	for i, r := range want {
		wantRows[i] = []string{strings.Join(r, ",")}
	}
	wantRows[1] = []string{`1,1.5,"{""a"":[1,2]}",1`}
	if !reflect.DeepEqual(got, wantRows) {
		t.Errorf("got\n%v\nwant\n%v", got, wantRows)
	}
}

// TestTypedMvExpandRefused checks that mv-expand stays JSON unless the
// column is used only as tostring(X.Member) and dropped before the end.
func TestTypedMvExpandRefused(t *testing.T) {
	for _, tc := range []struct {
		query string
		typed bool
	}{
		{`Events | mv-expand D | extend A = tostring(D.x) | project A`, true},
		{`Events | mv-expand D | where tostring(D.x) == "a" | summarize count() by tostring(D.n)`, true},
		{`Events | mv-expand D | extend A = tostring(D.x) | project A, D`, false}, // X reaches the result
		{`Events | mv-expand D | extend A = tostring(D.x)`, false},                // as above
		{`Events | mv-expand D | extend A = tostring(D["x"]) | project A`, false}, // not a path
		{`Events | mv-expand D | extend A = toint(D.n) | project A`, false},       // not tostring
		{`Events | mv-expand D | extend A = tostring(D.x), B = tostring(column_ifexists("D", "")) | project A, B`, false},
		{`Events | mv-expand D | extend A = tostring(D.x), B = tostring(D.X) | project A`, false}, // case-insensitive struct fields
		{`Events | mv-expand D | extend A = tostring(D.x) | distinct A`, false},                   // an operator not known
		{`Events | mv-expand D | extend D = tostring(D.x) | project D`, false},                    // D redefined
		{`Events | mv-expand kind=array D | extend A = tostring(D.x) | project A`, false},
		{`Events | mv-expand D limit 2 | extend A = tostring(D.x) | project A`, false},
		{`Events | mv-expand D to typeof(string) | extend A = tostring(D) | project A`, false},
		{`Events | mv-expand D | join kind=rightouter (Right) on K | extend A = tostring(D.x) | project A`, false},
		{`Events | mv-expand D | project A = tostring(D.x)`, true},
	} {
		q, err := Compile(tc.query, semanticsSchema, testNow)
		if err != nil {
			t.Errorf("%s: %v", tc.query, err)
			continue
		}
		if got := strings.Contains(q.SQL, "from_json("); got != tc.typed {
			t.Errorf("%s: typed %v, want %v\n%s", tc.query, got, tc.typed, q.SQL)
		}
	}
}
