package kql

import (
	"errors"
	"strings"
	"testing"
)

// TestHiddenColumns checks Log Analytics' hidden columns (_ResourceId,
// _SubscriptionId, _IsBillable, _BilledSize, marked Column.Hidden): usable
// anywhere by name, returned only when named. Each query's result columns
// are written out by hand ("..." stands for the table's visible columns, in
// order) and its SQL runs against the test data set, returning exactly them.
func TestHiddenColumns(t *testing.T) {
	schema := loadSchema(t)
	db := openDataset(t, schema)
	visible := func(table string) string {
		var s []string
		for _, c := range schema[table].Columns {
			if !c.Hidden {
				s = append(s, c.Name+":"+c.Type)
			}
		}
		return strings.Join(s, ", ")
	}
	alert := visible("SecurityAlert")
	for _, tc := range []struct{ query, want string }{
		{`SecurityAlert | take 1`, alert},
		{`SecurityAlert`, alert},
		{`SecurityAlert | where _ResourceId != "" | order by _BilledSize asc | take 3`, alert},
		{`SecurityAlert | top 2 by _BilledSize`, alert},
		{`SecurityAlert | project _ResourceId, AlertName`, "_ResourceId:string, AlertName:string"},
		{`SecurityAlert | where _SubscriptionId == "x" | count`, "Count:long"},
		{`SecurityAlert | extend r = _ResourceId | take 1`, alert + ", r:string"},
		// extend of the bare name shows it, in place.
		{`SecurityAlert | extend _ResourceId | take 1`, shown(schema, "SecurityAlert", "_ResourceId")},
		{`SecurityAlert | summarize count() by _SubscriptionId`, "_SubscriptionId:string, count_:long"},
		{`SecurityAlert | summarize sum(_BilledSize) by AlertSeverity`, "AlertSeverity:string, sum__BilledSize:real"},
		{`SecurityAlert | distinct _ResourceId`, "_ResourceId:string"},
		{`SecurityAlert | project-away _ResourceId | project _SubscriptionId`, "_SubscriptionId:string"},
		{`SecurityAlert | project-away _ResourceId, AlertLink | take 1`, strings.TrimPrefix(alert, "AlertLink:string, ")},
		{`let a = SecurityAlert | where AlertSeverity == "High"; a | project AlertName, _IsBillable | take 1`, "AlertName:string, _IsBillable:string"},
		// join carries both sides' hidden columns, hidden, and they stay usable.
		{`SecurityAlert | project SystemAlertId, AlertName | join kind=inner (SecurityAlert | project SystemAlertId, _ResourceId) on SystemAlertId | take 1`,
			"SystemAlertId:string, AlertName:string, SystemAlertId1:string, _ResourceId:string"},
		{`SecurityAlert | join kind=inner (SecurityAlert | where _IsBillable != "x") on SystemAlertId | where _ResourceId == _ResourceId1 | project AlertName, _ResourceId1, _SubscriptionId | take 1`,
			"AlertName:string, _ResourceId1:string, _SubscriptionId:string"},
		{`SecurityAlert | join kind=leftsemi (SecureScores) on _SubscriptionId | project AlertName, _SubscriptionId`, "AlertName:string, _SubscriptionId:string"},
		{`SecurityAlert | join kind=leftsemi (SecureScores) on _SubscriptionId | take 1`, alert},
		// union keeps a column hidden when every table has it hidden.
		{`union SecureScores, SecureScoreControls | where _SubscriptionId != "" | summarize count() by Type, _SubscriptionId | count`, "Count:long"},
		{`union (SecurityAlert | project AlertName, _ResourceId), (SecureScores | project DisplayName)`, "AlertName:string, _ResourceId:string, DisplayName:string"},
		{`union (SecurityAlert | project AlertName, _ResourceId), (SecureScores | project DisplayName, _ResourceId)`, "AlertName:string, _ResourceId:string, DisplayName:string"},
		{`union (SecurityAlert | project AlertName), (SecureScores | project DisplayName, _ResourceId)`, "AlertName:string, DisplayName:string, _ResourceId:string"},
		{`union SecurityAlert, SecureScores | project _ResourceId, Type | take 1`, "_ResourceId:string, Type:string"},
		// arg_max(*) picks the hidden columns too, still hidden.
		{`SecurityAlert | summarize arg_max(TimeGenerated, *) by SystemAlertId | project SystemAlertId, _ResourceId`, "SystemAlertId:string, _ResourceId:string"},
		// distinct * is over the visible columns.
		{`SecurityAlert | distinct *`, alert},
		{`SecurityAlert | project AlertName, _ResourceId | distinct *`, "AlertName:string, _ResourceId:string"},
		// in (T) compares with T's first visible column.
		{`SecureScores | where AssessedResourceId in (SecureScores) | count`, "Count:long"},
	} {
		q, err := Compile(tc.query, schema, testNow)
		if err != nil {
			t.Errorf("%s: %v", tc.query, err)
			continue
		}
		if got := columnsString(q.Columns); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.query, got, tc.want)
		}
		if strings.Contains(q.SQL, "SELECT *") && !strings.Contains(tc.query, "join") && !strings.Contains(tc.query, "union") {
			// A final SELECT * would return the hidden columns.
			if i := strings.LastIndex(q.SQL, "SELECT "); strings.HasPrefix(q.SQL[i:], "SELECT *") {
				t.Errorf("%s: final SELECT *: %s", tc.query, q.SQL)
			}
		}
		if _, err := runCSV(db, q); err != nil {
			t.Errorf("%s: %v\n%s", tc.query, err, q.SQL)
		}
	}

	for _, tc := range []struct{ query, code string }{
		{`SecurityAlert | project-away _ResourceId | project _ResourceId`, CodeUnresolved},
		{`SecurityAlert | project _ResourceId | where _SubscriptionId != ""`, CodeUnresolved},
		{`SecurityAlert | project-away ` + visibleNames(schema, "SecurityAlert"), CodeNotSupported},
	} {
		_, err := Compile(tc.query, schema, testNow)
		var ce *Error
		if !errors.As(err, &ce) || ce.Code != tc.code {
			t.Errorf("%s: %v, want a %s error", tc.query, err, tc.code)
		}
	}
}

// shown lists the table's columns, in order, that are visible or named.
func shown(schema mapSchema, table string, names ...string) string {
	var s []string
	for _, c := range schema[table].Columns {
		named := false
		for _, n := range names {
			named = named || c.Name == n
		}
		if !c.Hidden || named {
			s = append(s, c.Name+":"+c.Type)
		}
	}
	return strings.Join(s, ", ")
}

func visibleNames(schema mapSchema, table string) string {
	var s []string
	for _, c := range schema[table].Columns {
		if !c.Hidden {
			s = append(s, c.Name)
		}
	}
	return strings.Join(s, ", ")
}
