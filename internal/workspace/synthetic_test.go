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
	// Entities are valid JSON arrays of three entities, the first the host
	// that CompromisedEntity names.
	var entities, hosts, accounts int
	var mismatched int
	err := db.db.QueryRow(`SELECT sum(json_array_length("Entities"::JSON)), count(DISTINCT "CompromisedEntity"),
		count(DISTINCT json_extract_string("Entities", '$[1].Name')),
		count(*) FILTER (WHERE json_extract_string("Entities", '$[0].HostName') <> "CompromisedEntity"
			OR json_extract_string("Entities", '$[0].Type') <> 'host')
		FROM `+schema+`."SecurityAlert"`).Scan(&entities, &hosts, &accounts, &mismatched)
	if err != nil || entities != 3000 || hosts != 1000 || accounts != 997 || mismatched != 0 {
		t.Errorf("entities %d, hosts %d, accounts %d, mismatched %d, %v", entities, hosts, accounts, mismatched, err)
	}
}
