package workspace

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
	ws "github.com/secexport/secexport/internal/workspace"
)

const customerID = "5b02755b-5bf4-430c-9487-45502a2a7e62"

func alertEvent(id, description string) model.Event {
	p, _ := json.Marshal(map[string]any{"AlertType": "VM_EICAR", "Severity": "High", "Description": description,
		"AzureResourceId": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"})
	return model.Event{ID: id, Source: model.SourceAlerts, RecordKey: "/subscriptions/s1/resourcegroups/rg/providers/microsoft.security/locations/westeurope/alerts/" + id,
		Time: time.Date(2024, 5, 2, 11, 0, 0, 0, time.UTC), Payload: p}
}

type memRows struct {
	mu   sync.Mutex
	rows []ws.Row
	err  error
}

func (m *memRows) Append(ctx context.Context, customerID string, rows []ws.Row) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	m.rows = append(m.rows, rows...)
	return nil
}

func TestSendWritesRows(t *testing.T) {
	db, err := ws.OpenDB("")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.Create(ctx, customerID); err != nil {
		t.Fatal(err)
	}
	d := &Destination{CustomerID: customerID, Rows: db}
	if err := d.Send(ctx, []model.Event{alertEvent("a1", "one"), alertEvent("a2", "two")}); err != nil {
		t.Fatal(err)
	}
	// A workspace that does not exist fails the batch, to be retried.
	d.CustomerID = "00000000-0000-4000-8000-000000000009"
	if err := d.Send(ctx, []model.Event{alertEvent("a3", "three")}); err == nil || deliver.IsPermanent(err) {
		t.Fatalf("append to a missing workspace: %v", err)
	}
}

// TestOversizedRecord: a row over 32 KB is refused for good, alone, and
// reported; the rest of the batch is written.
func TestOversizedRecord(t *testing.T) {
	rows := &memRows{}
	var reported []Oversized
	d := &Destination{CustomerID: customerID, Rows: rows, OnOversized: func(_ context.Context, o Oversized) { reported = append(reported, o) }}
	big := alertEvent("big", strings.Repeat("x", ws.MaxRecordSize))
	justFits := alertEvent("fits", "")
	// Pad the description so that the row is exactly at the limit.
	row, err := Row(justFits, customerID)
	if err != nil {
		t.Fatal(err)
	}
	justFits = alertEvent("fits", strings.Repeat("y", ws.MaxRecordSize-int(row.Get("_BilledSize").(float64))))
	if row, err := Row(justFits, customerID); err != nil || row.Get("_BilledSize").(float64) != ws.MaxRecordSize {
		t.Fatalf("padded row: %v %v", row.Get("_BilledSize"), err)
	}
	attack := model.Event{ID: "ap", Source: model.SourceAttackPaths, Payload: []byte(`{}`)}
	err = d.Send(context.Background(), []model.Event{alertEvent("a1", "small"), big, justFits, attack})
	var be *deliver.BatchError
	if !errors.As(err, &be) || len(be.Errs) != 4 {
		t.Fatalf("err = %v, want a BatchError of 4", err)
	}
	if be.Errs[0] != nil || be.Errs[2] != nil {
		t.Errorf("small events failed: %v", be.Errs)
	}
	if !deliver.IsPermanent(be.Errs[1]) || !errors.Is(be.Errs[1], ErrDataLimit) || !strings.Contains(be.Errs[1].Error(), "Log Analytics accepts at most 32768") {
		t.Errorf("oversized event: %v", be.Errs[1])
	}
	if !deliver.IsPermanent(be.Errs[3]) {
		t.Errorf("attack path event: %v", be.Errs[3])
	}
	if len(rows.rows) != 2 {
		t.Errorf("%d rows written, want 2", len(rows.rows))
	}
	if len(reported) != 1 || reported[0].Event.ID != "big" || reported[0].Table != "SecurityAlert" || reported[0].Size <= ws.MaxRecordSize {
		t.Errorf("reported %+v", reported)
	}
}

// TestDataLimitAlert: the alert is an ARM alert secexport ingests, in the
// automation's subscription and resource group, named by automation and
// record.
func TestDataLimitAlert(t *testing.T) {
	dl := DataLimit{
		AutomationID: "/subscriptions/s1/resourceGroups/soc/providers/Microsoft.Security/automations/to-la",
		Location:     "West Europe",
		Workspace:    "/subscriptions/s1/resourcegroups/soc/providers/microsoft.operationalinsights/workspaces/la",
		Oversized:    Oversized{Event: alertEvent("big", ""), Table: "SecurityAlert", Size: 40000},
		Now:          time.Date(2024, 5, 2, 11, 0, 0, 0, time.UTC),
	}
	rec, err := posture.Parse(dl.Alert())
	if err != nil {
		t.Fatalf("secexport does not ingest its own alert: %v\n%s", err, dl.Alert())
	}
	if rec.Kind != model.KindAlert || rec.Subscription != "s1" || rec.ResourceGroup != "soc" ||
		!strings.HasPrefix(rec.Key, "/subscriptions/s1/resourcegroups/soc/providers/microsoft.security/locations/westeurope/alerts/datalimitexceeded_") {
		t.Errorf("record %s %s %s %s", rec.Kind, rec.Subscription, rec.ResourceGroup, rec.Key)
	}
	var a struct {
		Properties struct {
			AlertType, AlertDisplayName, Severity, Status, Description string
		}
	}
	json.Unmarshal(rec.Body, &a)
	p := a.Properties
	if p.AlertType != "DataLimitExceeded" || p.AlertDisplayName != "Data limit has been exceeded" || p.Severity != "Low" || p.Status != "Active" ||
		!strings.Contains(p.Description, "40000 bytes") {
		t.Errorf("alert properties %+v", p)
	}
	again := dl
	again.Now = dl.Now.Add(time.Hour)
	other := dl
	other.Event.RecordKey += "-other"
	if r2, _ := posture.Parse(again.Alert()); r2.Key != rec.Key {
		t.Error("the same record raised a second alert")
	}
	if r3, _ := posture.Parse(other.Alert()); r3.Key == rec.Key {
		t.Error("another record shares the alert")
	}
}
