package deliver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/destination/logicapp"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/store"
)

type sink struct {
	mu     sync.Mutex
	byKey  map[string][]int
	total  int
	status atomic.Int32 // HTTP status to answer; 0 means 200
	srv    *httptest.Server
}

func newSink(t *testing.T) *sink {
	s := &sink{byKey: map[string][]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if st := s.status.Load(); st != 0 {
			w.WriteHeader(int(st))
			return
		}
		var ev struct {
			Key string `json:"key"`
			N   int    `json:"n"`
		}
		b, _ := io.ReadAll(r.Body)
		json.Unmarshal(b, &ev)
		s.mu.Lock()
		s.byKey[ev.Key] = append(s.byKey[ev.Key], ev.N)
		s.total++
		s.mu.Unlock()
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *sink) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

type env struct {
	st  *store.Store
	mgr *deliver.Manager
	ids []int64
}

func setup(t *testing.T, actions int) *env {
	st, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fps := make([]string, actions)
	for i := range fps {
		fps[i] = fmt.Sprint("fp", i)
	}
	var ids []int64
	if err := st.Write(context.Background(), func(tx *store.Tx) error {
		_, ids, err = tx.PutAutomation(store.Automation{Key: "a", Subscription: "s", Body: []byte(`{}`), Etag: "e", Updated: time.Now()}, fps)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	cfg := deliver.Config{InitialBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond, PollInterval: 50 * time.Millisecond, BatchSize: 64}
	mgr := deliver.NewManager(st, cfg, deliver.NewMetrics(prometheus.NewRegistry()), slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(func() { mgr.Close(); st.Close() })
	return &env{st: st, mgr: mgr, ids: ids}
}

func (e *env) enqueue(t *testing.T, n, keys int, actions ...int64) {
	t.Helper()
	err := e.st.Write(context.Background(), func(tx *store.Tx) error {
		for i := range n {
			key := fmt.Sprint("rec-", i%keys)
			payload := fmt.Sprintf(`{"key":%q,"n":%d}`, key, i)
			if _, err := tx.AppendEvent(model.Event{ID: store.NewID(), Source: model.SourceAssessments, RecordKey: key, Time: time.Now(), Payload: []byte(payload)}, actions); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e.mgr.Notify(actions)
}

func TestLanesKeepPerRecordOrder(t *testing.T) {
	e := setup(t, 1)
	s := newSink(t)
	e.mgr.Sync([]deliver.Target{{ActionID: e.ids[0], AutomationKey: "a", Kind: "LogicApp", Destination: logicapp.New(s.srv.URL, s.srv.Client()), Lanes: 8}})
	e.enqueue(t, 2000, 37, e.ids[0])
	waitFor(t, "2000 deliveries", func() bool { return s.count() == 2000 })
	s.mu.Lock()
	defer s.mu.Unlock()
	for key, ns := range s.byKey {
		for i := 1; i < len(ns); i++ {
			if ns[i] < ns[i-1] {
				t.Fatalf("%s delivered out of order: %v", key, ns)
			}
		}
	}
	waitFor(t, "cursor at the end", func() bool {
		p, _ := e.st.Pending(context.Background(), e.ids[0], 0, 1)
		return len(p) == 0
	})
}

func TestDownDestinationHoldsOnlyItsQueue(t *testing.T) {
	e := setup(t, 2)
	down, up := newSink(t), newSink(t)
	down.status.Store(http.StatusServiceUnavailable)
	e.mgr.Sync([]deliver.Target{
		{ActionID: e.ids[0], AutomationKey: "a", Kind: "LogicApp", Destination: logicapp.New(down.srv.URL, down.srv.Client()), Lanes: 4},
		{ActionID: e.ids[1], AutomationKey: "a", Kind: "LogicApp", Destination: logicapp.New(up.srv.URL, up.srv.Client()), Lanes: 4},
	})
	e.enqueue(t, 100, 10, e.ids...)
	waitFor(t, "the healthy destination to get everything", func() bool { return up.count() == 100 })
	if down.count() != 0 {
		t.Fatalf("the down destination recorded %d events", down.count())
	}
	if p, _ := e.st.Pending(context.Background(), e.ids[0], 0, 1000); len(p) != 100 {
		t.Fatalf("the down destination's queue holds %d events, want 100", len(p))
	}
	down.status.Store(0)
	waitFor(t, "recovery", func() bool { return down.count() == 100 })
	if dls, _ := e.st.DeadLetters(context.Background(), "a", 0, 10); len(dls) != 0 {
		t.Fatalf("retryable failures were dead-lettered: %d", len(dls))
	}
}

func TestPermanentFailuresGoToDeadLetters(t *testing.T) {
	e := setup(t, 1)
	s := newSink(t)
	s.status.Store(http.StatusBadRequest)
	e.mgr.Sync([]deliver.Target{{ActionID: e.ids[0], AutomationKey: "a", Kind: "LogicApp", Destination: logicapp.New(s.srv.URL, s.srv.Client()), Lanes: 2}})
	e.enqueue(t, 5, 5, e.ids[0])
	var dls []store.DeadLetter
	waitFor(t, "5 dead letters", func() bool {
		dls, _ = e.st.DeadLetters(context.Background(), "a", 0, 10)
		return len(dls) == 5
	})
	if dls[0].Reason != "endpoint answered HTTP 400" || dls[0].Attempts != 1 {
		t.Fatalf("dead letter = %+v", dls[0])
	}
	waitFor(t, "the cursor to pass the refused events", func() bool {
		p, _ := e.st.Pending(context.Background(), e.ids[0], 0, 10)
		return len(p) == 0
	})
}

func TestMaintainExpiresAndTrims(t *testing.T) {
	e := setup(t, 2)
	// No workers: nothing is delivered, everything waits.
	e.enqueue(t, 10, 3, e.ids...)
	ctx := context.Background()
	if err := e.mgr.Maintain(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	if p, _ := e.st.Pending(ctx, e.ids[0], 0, 100); len(p) != 10 {
		t.Fatalf("fresh events expired: %d left", len(p))
	}
	// A week and a day later, both actions' events expire to dead letters.
	if err := e.mgr.Maintain(ctx, time.Now().Add(8*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, id := range e.ids {
		if p, _ := e.st.Pending(ctx, id, 0, 100); len(p) != 0 {
			t.Fatalf("action %d still has %d events", id, len(p))
		}
	}
	dls, _ := e.st.DeadLetters(ctx, "a", 0, 100)
	if len(dls) != 20 || dls[0].Reason != "expired: not delivered within 168h0m0s" {
		t.Fatalf("dead letters = %d (%+v)", len(dls), dls[0])
	}
	// The log itself is empty now; new events still get fresh sequence numbers.
	e.enqueue(t, 1, 1, e.ids[0])
	if p, _ := e.st.Pending(ctx, e.ids[0], 0, 100); len(p) != 1 || p[0].Seq <= 10 {
		t.Fatalf("after trim: %+v", p)
	}
}
