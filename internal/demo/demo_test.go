package demo

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/engine"
	"github.com/secexport/secexport/internal/model"
)

// The demo tenant keeps the first subscription changing: within seconds an
// automation on it has recommendation and alert events queued.
func TestDemoKeepsTheTenantChanging(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	eng, err := engine.Open(ctx, engine.Config{DataDir: t.TempDir(), SecretKey: make([]byte, 32), Delivery: deliver.Config{Paused: true}},
		prometheus.NewRegistry(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	a, err := automation.Decode([]byte(`{"location":"x","properties":{"scopes":[{"scopePath":"/subscriptions/` + Subscription + `"}],
		"sources":[{"eventSource":"Assessments"},{"eventSource":"Alerts"}],"actions":[{"actionType":"LogicApp","uri":"http://127.0.0.1:1/"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Validate(Subscription, "rg"); err != nil {
		t.Fatal(err)
	}
	key := "/subscriptions/" + Subscription + "/resourcegroups/rg/providers/microsoft.security/automations/a"
	if _, err := eng.PutAutomation(ctx, key, Subscription, "rg", &a); err != nil {
		t.Fatal(err)
	}
	d := New(eng, slog.New(slog.NewTextHandler(io.Discard, nil)))
	d.interval = 20 * time.Millisecond
	go d.Run(ctx)
	sources := map[model.EventSource]int{}
	deadline := time.Now().Add(10 * time.Second)
	for (sources[model.SourceAssessments] < 5 || sources[model.SourceAlerts] < 1) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		st, err := eng.Store.Automation(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := eng.Store.Pending(ctx, st.ActionIDs[0], 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		sources = map[model.EventSource]int{}
		for _, ev := range evs {
			sources[ev.Source]++
		}
	}
	if sources[model.SourceAssessments] < 5 || sources[model.SourceAlerts] < 1 {
		t.Fatalf("events queued after 10 s: %v", sources)
	}
}
