package workspace

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestQueryBagUnpack runs bag_unpack without an output schema: the compiler
// probes the workspace (within the query's span) for the bag's slots.
func TestQueryBagUnpack(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	db.Create(ctx, testWorkspace)
	at := time.Date(2024, 5, 2, 11, 0, 0, 0, time.UTC)
	if err := db.Append(ctx, testWorkspace, exampleRows(t, at)); err != nil {
		t.Fatal(err)
	}
	span := &Span{Start: at.Add(-time.Hour), End: at.Add(time.Hour)}
	res, err := db.Query(ctx, testWorkspace, `SecureScores | project MaxScore, Properties | evaluate bag_unpack(Properties, "p_")`, span, at)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(res.Columns); got != "[{MaxScore int} {p_displayName string} {p_score dynamic} {p_weight long}]" {
		t.Errorf("columns %s", got)
	}
	if got := fmt.Sprint(res.Rows); got != `[[39 ASC score {"max":39,"current":23.53,"percentage":0.6033} 67]]` {
		t.Errorf("rows %s", got)
	}
}
