package workspace

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestQuery runs KQL over the example rows: a bare table answers with the
// spec's columns, in order, without the hidden ones (_ResourceId,
// _SubscriptionId, _IsBillable, _BilledSize), which come only when named;
// values come formatted as the Logs query API writes them; the span keeps
// rows by TimeGenerated.
func TestQuery(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	db.Create(ctx, testWorkspace)
	at := time.Date(2024, 5, 2, 11, 0, 0, 0, time.UTC)
	if err := db.Append(ctx, testWorkspace, append(exampleRows(t, at), exampleRows(t, at.Add(-48*time.Hour))...)); err != nil {
		t.Fatal(err)
	}
	run := func(q string, span *Span) *Result {
		t.Helper()
		res, err := db.Query(ctx, testWorkspace, q, span, at)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res
	}
	for _, tb := range Tables() {
		res := run(tb.Name+" | take 1", nil)
		var want []string
		for _, c := range tb.Columns {
			if !c.Hidden() {
				want = append(want, c.Name+":"+c.Type)
			}
		}
		var got []string
		for _, c := range res.Columns {
			got = append(got, c.Name+":"+c.Type)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s columns\n got %v\nwant %v", tb.Name, got, want)
		}
	}
	res := run(`SecurityAlert | project _ResourceId, _BilledSize, TimeGenerated, IsIncident, Entities, ConfidenceScore | take 1`, nil)
	var named []string
	for _, c := range res.Columns {
		named = append(named, c.Name+":"+c.Type)
	}
	if got := strings.Join(named, " "); got != "_ResourceId:string _BilledSize:real TimeGenerated:datetime IsIncident:bool Entities:string ConfidenceScore:real" {
		t.Errorf("named hidden columns: %s", got)
	}
	row := res.Rows[0]
	if row[0] != "/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourcegroups/myrg1/providers/microsoft.compute/virtualmachines/vm1" ||
		row[1] != float64(2535) || row[3] != true || !strings.HasPrefix(row[4].(string), `[{"Address"`) || row[5] != nil {
		t.Errorf("row %#v", row)
	}
	if ts := row[2].(string); ts != "2024-05-02T11:00:00Z" && ts != "2024-04-30T11:00:00Z" {
		t.Errorf("TimeGenerated %q", ts)
	}
	res = run(`SecureScores | project Properties, MaxScore`, &Span{Start: at.Add(-time.Hour), End: at.Add(time.Hour)})
	if len(res.Rows) != 1 || res.Rows[0][0] != `{"displayName":"ASC score","score":{"max":39,"current":23.53,"percentage":0.6033},"weight":67}` || res.Rows[0][1] != int64(39) {
		t.Errorf("span/dynamic: %#v", res.Rows)
	}
	// Queries whose SQL has its own common table expressions.
	for q, want := range map[string]string{
		`let high = SecurityAlert | where AlertSeverity == "High"; high | join kind=inner (SecurityAlert | project SystemAlertId, T = AlertType) on SystemAlertId | count`: "[[4]]",
		`union SecurityAlert, SecureScores | summarize count() by Type | order by Type asc`:                                                                                "[[SecureScores 1] [SecurityAlert 1]]",
	} {
		span := &Span{Start: at.Add(-72 * time.Hour), End: at.Add(time.Hour)}
		if strings.HasPrefix(q, "union") {
			span.Start = at.Add(-time.Hour)
		}
		if got := fmt.Sprint(run(q, span).Rows); got != want {
			t.Errorf("%s: %s, want %s", q, got, want)
		}
	}
	if _, err := db.Query(ctx, testWorkspace, "SecurityAlert | where Nope == 1", nil, at); !errors.As(err, new(*QueryError)) {
		t.Errorf("unknown column: %v", err)
	}
}
