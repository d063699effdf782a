package engine_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/model"
)

type nopDestination struct{ closed *atomic.Int64 }

func (nopDestination) Send(context.Context, []model.Event) error { return nil }
func (d nopDestination) Close() error                            { d.closed.Add(1); return nil }

// A reload opens only the destinations whose settings changed: storing one
// automation does not reconnect every other automation's Kafka client.
func TestReloadReusesOpenDestinations(t *testing.T) {
	e := newEnv(t)
	var opened, closed atomic.Int64
	e.eng.Register(automation.ActionKafka, func(automation.Action) (deliver.Destination, int, error) {
		opened.Add(1)
		return nopDestination{&closed}, 1, nil
	})
	for _, name := range []string{"a", "b", "c", "d"} {
		e.put(name, kafkaAction([]string{"k:9092"}, "t-"+name, "", "", ""))
	}
	if n := opened.Load(); n != 4 {
		t.Errorf("4 automations stored one by one opened %d destinations, want 4", n)
	}
	// New settings (compression) reopen that one destination, keeping the
	// action and its queue, and close the old one.
	id := e.actionID("b")
	act := kafkaAction([]string{"k:9092"}, "t-b", "", "", "")
	act.Compression = "zstd"
	e.put("b", act)
	if n := opened.Load(); n != 5 || e.actionID("b") != id {
		t.Errorf("after changing b's compression: %d opened, action %d (was %d)", n, e.actionID("b"), id)
	}
	waitFor(t, "the old destination to close", time.Second, func() bool { return closed.Load() == 1 })
	if _, err := e.eng.DeleteAutomation(context.Background(), automationKey("c")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the deleted automation's destination to close", time.Second, func() bool { return closed.Load() == 2 })
}

// Status reports a destination that cannot be opened, with the reason.
func TestStatusOfUnopenableDestination(t *testing.T) {
	e := newEnv(t)
	e.eng.Register(automation.ActionKafka, func(automation.Action) (deliver.Destination, int, error) {
		return nil, 0, errors.New("no route to the moon")
	})
	e.put("broken", kafkaAction([]string{"k:9092"}, "t", "PLAIN", "u", "status-secret-pass"))
	e.ingest(assessment(1, "s-1", 0))
	st := status(t, e.eng, e.actionID("broken"))
	if st.Running || st.LastError != "no route to the moon" || st.LastErrorAt.IsZero() || st.Pending != 1 ||
		st.Kind != "Kafka" || st.Target != "t at k:9092" || st.Automation != automationKey("broken") {
		t.Errorf("status %+v", st)
	}
	if strings.Contains(e.log.String(), "status-secret-pass") {
		t.Error("the log holds the password")
	}
}
