package workspace

import (
	"context"
	"testing"
	"time"
)

func TestLoadSyntheticAlerts(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	db.Create(ctx, testWorkspace)
	end := time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)
	if err := db.LoadSyntheticAlerts(ctx, testWorkspace, 1000, end.AddDate(0, 0, -7), end); err != nil {
		t.Fatal(err)
	}
	if n, err := db.Count(ctx, testWorkspace, SecurityAlert); err != nil || n != 1000 {
		t.Fatalf("%d rows, %v", n, err)
	}
	schema, _ := schemaName(testWorkspace)
	var minT, maxT time.Time
	var high int
	db.db.QueryRow(`SELECT min("TimeGenerated"), max("TimeGenerated"), count(*) FILTER (WHERE "AlertSeverity" = 'High') FROM `+schema+`."SecurityAlert"`).Scan(&minT, &maxT, &high)
	if !minT.Equal(end.AddDate(0, 0, -7)) || !maxT.Before(end) || high != 250 {
		t.Errorf("min %v max %v high %d", minT, maxT, high)
	}
}
