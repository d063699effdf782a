package kql

import (
	"reflect"
	"testing"
)

// TestOpSemantics checks mv-apply, lookup, make-series, top-nested and
// bag_unpack against rows worked out by hand from semanticsRows.
func TestOpSemantics(t *testing.T) {
	db := openSemantics(t)
	for _, tc := range []struct {
		name, query string
		want        [][]string
	}{
		// mv-apply runs the subquery on each row's expansion; a value that
		// is not an array expands to one row of itself (null included).
		{"mv-apply count per row", `Events | where Id != 2 | mv-apply a = D.arr on (summarize c = count()) | project Id, c | order by Id asc`,
			[][]string{{"1", "2"}, {"3", "1"}, {"4", "1"}, {"5", "1"}, {"6", "1"}}},
		{"mv-apply top", `Events | where Id == 6 | mv-apply e = D to typeof(long) on (top 2 by e desc) | project Id, e | order by e desc`,
			[][]string{{"6", "3"}, {"6", "2"}}},
		{"mv-apply where drops rows", `Events | mv-apply e = D to typeof(long) on (where e > 1 | take 1) | project Id, e`,
			[][]string{{"6", "2"}}},
		{"mv-apply sees the row", `Events | where Id == 1 | mv-apply v = D.arr to typeof(long) on (extend w = v + N) | project v, w | order by v asc`,
			[][]string{{"1", "-14"}, {"2", "-13"}}},

		// lookup keeps every match, the left key once, and "" for an
		// unmatched right string; kind=inner drops unmatched rows.
		{"lookup leftouter", `Events | project Id, K | lookup (Right) on K | order by Id asc, V asc`,
			[][]string{{"1", "a", "10"}, {"1", "a", "20"}, {"2", "a", "10"}, {"2", "a", "20"}, {"3", "b", "<null>"}, {"4", "", "40"}, {"5", "", "40"}, {"6", "c", "30"}}},
		{"lookup inner", `Events | project Id, K | lookup kind=inner (Right | extend K2 = strcat(K, "!")) on K | where V < 25 | order by Id asc, V asc`,
			[][]string{{"1", "a", "10", "a!"}, {"1", "a", "20", "a!"}, {"2", "a", "10", "a!"}, {"2", "a", "20", "a!"}}},
		{"lookup right string of unmatched row", `Events | project Id, K | lookup (Right | extend K2 = K) on K | where Id == 3 | project K2, isnull(V)`,
			[][]string{{"", "true"}}},

		// make-series: bins from 'from' by 'step', the last one cut at 'to'
		// (exclusive); rows outside are left out; empty bins get the default.
		{"make-series bins", `Events | make-series c = count(), s = sum(N) default = -1 on T from datetime(2026-03-10) to datetime(2026-03-11 00:00:01) step 12h
			| project c = strcat_array(c, " "), s = strcat_array(s, " "), T = strcat_array(T, " ")`,
			[][]string{{"3 0 1", "-11 -1 9", "2026-03-10T00:00:00Z 2026-03-10T12:00:00Z 2026-03-11T00:00:00Z"}}},
		{"make-series by", `Events | make-series c = count() on T from datetime(2026-03-10) to datetime(2026-03-11) step 6h by K
			| project K, c = strcat_array(c, " ") | order by K asc`,
			[][]string{{"", "0 1 0 0"}, {"a", "1 0 0 0"}, {"b", "0 1 0 0"}}},
		{"make-series no rows", `Events | where Id > 100 | make-series count() on T from datetime(2026-03-10) to datetime(2026-03-11) step 1d`,
			[][]string{}},

		// top-nested: the best N of each level within the level above.
		{"top-nested", `Events | top-nested 2 of K by n = count(), top-nested 1 of Id by m = max(N) | order by K asc`,
			[][]string{{"", "2", "5", "9"}, {"a", "2", "2", "-10"}}},
		{"top-nested asc, every value", `Events | where isnotnull(N) | top-nested of K by m = min(N) asc | order by m asc`,
			[][]string{{"a", "-15"}, {"b", "-1"}, {"", "0"}}},

		// bag_unpack with a schema: the slots, converted; a missing one is
		// null ("" for a string).
		{"bag_unpack", `Events | where Id <= 4 | project Id, D | evaluate bag_unpack(D) : (Id: long, x: string, n: real) | order by Id asc`,
			[][]string{{"1", "a", "3"}, {"2", "A", "1.5"}, {"3", "b", "7"}, {"4", "", "<null>"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := rowsOf(t, db, semanticsSchema, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}
