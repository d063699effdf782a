package bench

import (
	"strings"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/kql"
	"github.com/secexport/secexport/internal/workspace"
)

// TestHuntingQuery checks what issue 5 asks of the hunting query: ten
// operators, a join and an mv-expand, and that the workspace compiles it.
func TestHuntingQuery(t *testing.T) {
	if n := strings.Count(HuntingQuery, "|"); n != 10 {
		t.Errorf("%d operators, want 10", n)
	}
	for _, op := range []string{"| join kind=inner (", "| mv-expand "} {
		if !strings.Contains(HuntingQuery, op) {
			t.Errorf("no %q", op)
		}
	}
	q, err := kql.Compile(HuntingQuery, workspace.KQLSchema(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, c := range q.Columns {
		cols = append(cols, c.Name+":"+c.Type)
	}
	// The columns Kusto.Language gives the query (tools/kql-oracle).
	if got, want := strings.Join(cols, ", "), "Host:string, Alerts:long, AlertTypes:long, BruteForceAlerts:long, LastBruteForce:datetime"; got != want {
		t.Errorf("columns %s, want %s", got, want)
	}
}
