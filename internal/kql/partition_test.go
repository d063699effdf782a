package kql

import (
	"reflect"
	"testing"
)

// TestPartition checks partition against rows worked out by hand from
// semanticsRows: Events has K = "a" (Id 1, 2), "b" (Id 3), "" (Id 4, 5)
// and "c" (Id 6); Many has 1000 users, user-(Id % 1000).
func TestPartition(t *testing.T) {
	db := openSemantics(t)
	for _, tc := range []struct {
		name, query string
		want        [][]string
	}{
		// The subquery runs on each key's rows; "" is a key like any other.
		{"top per key", `Events | partition by K (top 1 by N desc) | project K, Id | order by K asc`,
			[][]string{{"", "5"}, {"a", "2"}, {"b", "3"}, {"c", "6"}}},
		// The result has the subquery's columns only: here no key.
		{"summarize per key", `Events | partition by K (summarize n = count(), last = max(Id)) | order by last asc`,
			[][]string{{"2", "2"}, {"1", "3"}, {"2", "5"}, {"1", "6"}}},
		{"every row in one partition", `Events | partition hint.strategy=native by K (count) | summarize sum(Count)`,
			[][]string{{"6"}}},
		{"a subquery without rows", `Events | partition by K (where N > 0) | project Id`,
			[][]string{{"5"}}},
		{"no input rows", `Events | where Id > 100 | partition by K (count)`,
			[][]string{}},
		{"order and take per key", `Events | partition hint.materialized=true by K (order by Id desc | take 1 | project Id) | order by Id asc`,
			[][]string{{"2"}, {"3"}, {"5"}, {"6"}}},
		{"a thousand keys", `Many | partition hint.strategy=shuffle by U (top 1 by Id desc | project U, Id) | summarize n = count(), s = sum(Id), m = min(Id)`,
			// The last 1000 Ids, 9000 to 9999.
			[][]string{{"1000", "9499500", "9000"}}},
		{"an extended key", `Events | extend Odd = iff(Id % 2 == 1, "odd", "even") | partition by Odd (summarize s = sum(Id) by Odd) | order by Odd asc`,
			[][]string{{"even", "12"}, {"odd", "9"}}},
		{"make-series per key", `Events | partition by K (make-series c = count() on T from datetime(2026-03-10) to datetime(2026-03-11) step 12h by K) | project K, c = strcat_array(c, " ") | order by K asc`,
			[][]string{{"", "1 0"}, {"a", "1 0"}, {"b", "1 0"}}},
		{"serialize and sample", `Events | partition by K (serialize | sample 1) | count`,
			[][]string{{"4"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := rowsOf(t, db, semanticsSchema, tc.query)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %v\nwant %v", tc.query, got, tc.want)
			}
		})
	}
}

// TestPartitionRefused checks what partition does not run: each is an
// *Error naming the construct and its position.
func TestPartitionRefused(t *testing.T) {
	schema := loadSchema(t)
	for _, tc := range []struct {
		query     string
		code      string
		line, col int
		msg       string
	}{
		{"SecurityAlert | partition by ConfidenceScore (take 1)", CodeNotSupported, 1, 30, "partition by a column of type real"},
		{"SecurityAlert | partition by TimeGenerated (take 1)", CodeNotSupported, 1, 30, "partition by a column of type datetime"},
		{"SecurityAlert | partition by AlertName { SecurityAlert | take 1 }", CodeNotSupported, 1, 40, "partition by Column { ... }"},
		{"SecurityAlert | partition by AlertName (join (SecurityAlert) on AlertName)", CodeNotSupported, 1, 41, "the 'join' operator in a partition subquery"},
		{"SecurityAlert | partition by AlertName (union SecureScores)", CodeNotSupported, 1, 41, "the 'union' operator in a partition subquery"},
		{"SecurityAlert | partition by AlertName (as X)", CodeNotSupported, 1, 41, "the 'as' operator in a partition subquery"},
		{"SecurityAlert | partition by AlertName (take 1 | partition by Status (count))", CodeNotSupported, 1, 50, "the 'partition' operator in a partition subquery"},
		{"SecurityAlert | partition by AlertName (order by TimeGenerated | extend p = prev(Status))", CodeNotSupported, 1, 77, "window functions (prev)"},
		{"SecurityAlert | partition hint.shufflekey=AlertName by AlertName (take 1)", CodeNotSupported, 1, 27, "the option 'hint.shufflekey'"},
		{"SecurityAlert | partition hint.strategy=fast by AlertName (take 1)", CodeNotSupported, 1, 41, "hint.strategy other than native, shuffle or legacy"},
		{"SecurityAlert | mv-apply e = parse_json(Entities) on (partition by AlertName (take 1))", CodeNotSupported, 1, 55, "partition inside an mv-apply subquery"},
		{"SecurityAlert | partition by Nope (take 1)", CodeUnresolved, 1, 30, "Failed to resolve column or scalar expression named 'Nope'"},
		{"SecurityAlert | partition by AlertName (take 1 | where Nope > 1)", CodeUnresolved, 1, 56, "named 'Nope'"},
	} {
		wantError(t, schema, tc.query, tc.code, tc.line, tc.col, tc.msg)
	}
}
