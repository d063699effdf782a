package kql

import (
	"reflect"
	"testing"
)

// TestOptionResults checks the rows of window functions, union options and
// the other operator options on the semantics tests' small tables
// (semantics_test.go); the expected rows are worked out by hand from them.
func TestOptionResults(t *testing.T) {
	db := openSemantics(t)
	for _, tc := range []struct {
		name, query string
		want        [][]string
	}{
		// prev and next follow the serialized order; a missing string is "",
		// any other missing value null unless a default is given.
		{"prev next", `Events | order by Id asc | project Id, P = prev(K), N2 = next(N, 2), D = prev(R, 1, 9.5)`,
			[][]string{{"1", "", "-1", "9.5"}, {"2", "a", "0", "-0.75"}, {"3", "a", "9", "0.5"}, {"4", "b", "<null>", "<null>"}, {"5", "", "<null>", "1"}, {"6", "", "<null>", "<null>"}}},
		// row_number restarts at its start where the condition is true; the
		// first row always gets the start.
		{"row_number restart", `Events | order by Id asc | extend G = row_number(10, K != prev(K)) | project Id, G`,
			[][]string{{"1", "10"}, {"2", "11"}, {"3", "10"}, {"4", "10"}, {"5", "11"}, {"6", "10"}}},
		// In where, row_number numbers the rows that reach the where.
		{"where row_number", `Events | order by Id desc | where row_number() % 2 == 1 | project Id`,
			[][]string{{"6"}, {"4"}, {"2"}}},
		{"window after where keeps order", `Events | order by Id asc | where isnotempty(K) | extend P = prev(Id) | project Id, P`,
			[][]string{{"1", "<null>"}, {"2", "1"}, {"3", "2"}, {"6", "3"}}},

		// kind=inner keeps the columns every leg has, in order of first appearance.
		{"union inner", `union kind=inner (Events | where Id < 3 | project Id, K, Text), (Right | project K, V) | order by K asc`,
			[][]string{{""}, {"a"}, {"a"}, {"a"}, {"a"}, {"c"}}},
		{"union inner withsource", `union withsource=S kind=inner (Events | where Id == 6 | project V = N, K), Right | order by S asc, V asc`,
			[][]string{{"Right", "10", "a"}, {"Right", "20", "a"}, {"Right", "30", "c"}, {"Right", "40", ""}, {"union_arg0", "<null>", "c"}}},
		// kind=outer fills a string a leg lacks with "", anything else with null.
		{"union outer", `union kind=outer (Events | where Id == 1 | project Id), (Right | where V == 30 | project K) | order by Id asc`,
			[][]string{{"<null>", "c"}, {"1", ""}}},
		{"union isfuzzy", `union isfuzzy=true Right, Missing | count`, [][]string{{"4"}}},
		{"union wildcard", `union withsource=S *t* | summarize count() by S | order by S asc`,
			[][]string{{"Events", "6"}, {"Right", "4"}}},

		// mv-expand: limit takes the first items, with_itemindex numbers them
		// from 0, kind=array expands a bag into [key, value] arrays.
		{"mv-expand limit index", `Events | where Id == 6 | mv-expand with_itemindex=I D limit 2 | project I, D`,
			[][]string{{"0", "1"}, {"1", "2"}}},
		{"mv-expand index parallel", `Events | where Id == 1 | mv-expand with_itemindex=I A = D.arr, B = pack_array("p", "q", "r") | project I, A, B = tostring(B)`,
			[][]string{{"0", "1", "p"}, {"1", "2", "q"}, {"2", "<null>", "r"}}},
		{"mv-expand kind=array", `Events | where Id == 4 | mv-expand kind=array D | project K = tostring(D[0]), V = tostring(D[1]), L = array_length(D)`,
			[][]string{{"n", "", "2"}}},

		// search finds a whole term in any string or dynamic column.
		{"search term", `search in (Events) "error" | project Id | order by Id asc`, [][]string{{"1"}, {"3"}, {"4"}}},
		{"search case-sensitive dynamic", `search kind=case_sensitive in (Events, Right) "A" | summarize count() by $table`,
			[][]string{{"Events", "1"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := rowsOf(t, db, semanticsSchema, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}
