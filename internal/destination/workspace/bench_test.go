package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/export"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
	ws "github.com/secexport/secexport/internal/workspace"
)

// benchEvents are n alert events exported from Azure's example alert, each
// with its own name, severity and resource.
func benchEvents(b *testing.B, n int) []model.Event {
	b.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "spec", "examples", "alerts", "GetAlertSubscriptionLocation_example.json"))
	if err != nil {
		b.Fatal(err)
	}
	var f struct {
		Responses map[string]struct{ Body json.RawMessage }
	}
	json.Unmarshal(raw, &f)
	body := string(f.Responses["200"].Body)
	severities := []string{"High", "Medium", "Low", "Informational"}
	events := make([]model.Event, n)
	t0 := time.Now()
	for i := range events {
		a := strings.ReplaceAll(body, "2518770965529163669_F144EE95-A3E5-42DA-A279-967D115809AA", fmt.Sprintf("alert-%d", i))
		a = strings.Replace(a, `"severity": "High"`, `"severity": "`+severities[i%4]+`"`, 1)
		a = strings.ReplaceAll(a, "virtualMachines/vm1", fmt.Sprintf("virtualMachines/vm%d", i%500))
		rec, err := posture.Parse([]byte(a))
		if err != nil {
			b.Fatal(err)
		}
		p, err := export.Payload(rec, model.ActionInsert, false, "8e2d6b1a-3c4f-4a5b-9c8d-7e6f5a4b3c2d")
		if err != nil {
			b.Fatal(err)
		}
		events[i] = model.Event{ID: fmt.Sprint(i), Source: model.SourceAlerts, RecordKey: rec.Key, Time: t0.Add(time.Duration(i) * time.Millisecond), Payload: p}
	}
	return events
}

// BenchmarkAppendRows measures rows written to the embedded workspace (a
// DuckDB file) from exported events, in batches of 500 as delivery sends
// them: mapping, the 32 KB check and the Appender. Reports rows/s.
func BenchmarkAppendRows(b *testing.B) {
	db, err := ws.OpenDB(filepath.Join(b.TempDir(), "workspace.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.Create(ctx, customerID); err != nil {
		b.Fatal(err)
	}
	const batch = 500
	events := benchEvents(b, 20*batch)
	d := &Destination{CustomerID: customerID, Rows: db}
	b.ResetTimer()
	start := time.Now()
	rows := 0
	for i := 0; b.Loop(); i++ {
		off := (i * batch) % len(events)
		if err := d.Send(ctx, events[off:off+batch]); err != nil {
			b.Fatal(err)
		}
		rows += batch
	}
	b.ReportMetric(float64(rows)/time.Since(start).Seconds(), "rows/s")
}
