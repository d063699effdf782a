package ingest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/store"
)

type fixture struct {
	st     *store.Store
	p      *Pipeline
	action int64
	mu     sync.Mutex
	woken  []int64
}

// newFixture opens a store with one automation (one action, every assessment
// of the bench subscriptions) and a pipeline routing to it.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var ids []int64
	if err := st.Write(context.Background(), func(tx *store.Tx) error {
		_, ids, err = tx.PutAutomation(store.Automation{Key: "a", Subscription: "s", Body: []byte(`{}`), Etag: "e"}, []string{"fp"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, action: ids[0]}
	f.p = New(st, NewMetrics(prometheus.NewRegistry()), func(a []int64) {
		f.mu.Lock()
		f.woken = append(f.woken, a...)
		f.mu.Unlock()
	})
	var entries []automation.Entry
	for i := range 3 {
		a, err := automation.Decode([]byte(`{"location":"x","properties":{"scopes":[{"scopePath":"/subscriptions/00000000-0000-4000-8000-00000000000` + string(rune('0'+i)) + `"}],"sources":[{"eventSource":"Assessments"}],"actions":[{"actionType":"LogicApp","uri":"http://127.0.0.1:1/"}]}}`))
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, automation.Entry{Key: "a", Automation: a, ActionIDs: ids})
	}
	f.p.SetIndex(automation.NewIndex(entries))
	return f
}

func (f *fixture) queued(t *testing.T) []model.Event {
	t.Helper()
	evs, err := f.st.Pending(context.Background(), f.action, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func statusOf(ev model.Event) string {
	for _, s := range []string{"Healthy", "Unhealthy", "NotApplicable"} {
		if strings.Contains(string(ev.Payload), `"code":"`+s+`"`) {
			return s
		}
	}
	return "?"
}

func TestApplyExportsOnlyChanges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	steps := []struct {
		status  string
		changed bool
	}{{"Unhealthy", true}, {"Unhealthy", false}, {"Healthy", true}, {"Healthy", false}}
	for i, s := range steps {
		res, err := f.p.Apply(ctx, []Change{benchRecord(t, 1, s.status)})
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Changed != s.changed || res[0].Created != (i == 0) {
			t.Fatalf("step %d (%s): changed=%v created=%v", i, s.status, res[0].Changed, res[0].Created)
		}
	}
	evs := f.queued(t)
	if len(evs) != 2 || statusOf(evs[0]) != "Unhealthy" || statusOf(evs[1]) != "Healthy" {
		t.Fatalf("queued %d events: %v", len(evs), evs)
	}
	if evs[0].ID == evs[1].ID || evs[0].RecordKey != evs[1].RecordKey {
		t.Fatalf("event ids must differ and record keys match: %+v", evs)
	}
	if len(f.woken) != 2 {
		t.Fatalf("deliverers woken %d times, want 2", len(f.woken))
	}
}

func TestApplySameRecordTwiceInOneBatch(t *testing.T) {
	f := newFixture(t)
	res, err := f.p.Apply(context.Background(), []Change{benchRecord(t, 7, "Unhealthy"), benchRecord(t, 7, "Healthy"), benchRecord(t, 7, "Healthy")})
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].Changed || !res[1].Changed || res[2].Changed {
		t.Fatalf("results: %+v", res)
	}
	evs := f.queued(t)
	if len(evs) != 2 || statusOf(evs[0]) != "Unhealthy" || statusOf(evs[1]) != "Healthy" {
		t.Fatalf("events %v", evs)
	}
}

// Concurrent changes of one record must each be judged against the version
// the other left, so that exactly the real transitions are exported.
func TestApplyConcurrentChangesOfOneRecord(t *testing.T) {
	f := newFixture(t)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status := "Healthy"
			if i%2 == 0 {
				status = "Unhealthy"
			}
			if _, err := f.p.Apply(context.Background(), []Change{benchRecord(t, 3, status)}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	evs := f.queued(t)
	for i := 1; i < len(evs); i++ {
		if statusOf(evs[i]) == statusOf(evs[i-1]) {
			t.Fatalf("events %d and %d both say %s: an unchanged state was exported", i-1, i, statusOf(evs[i]))
		}
	}
	rec, _, err := f.st.Record(context.Background(), benchRecord(t, 3, "Healthy").Record.Key)
	if err != nil {
		t.Fatal(err)
	}
	if last := statusOf(evs[len(evs)-1]); last != rec.State {
		t.Fatalf("last event says %s, the store %s", last, rec.State)
	}
}

func TestApplyDelete(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := benchRecord(t, 9, "Unhealthy")
	if _, err := f.p.Apply(ctx, []Change{c}); err != nil {
		t.Fatal(err)
	}
	res, err := f.p.Apply(ctx, []Change{{Record: model.Record{Key: c.Record.Key}, Delete: true}, {Record: model.Record{Key: "/subscriptions/x/none"}, Delete: true}})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Err != nil || !errors.Is(res[1].Err, ErrNotFound) {
		t.Fatalf("results %+v", res)
	}
	evs := f.queued(t)
	if len(evs) != 2 || !strings.Contains(string(evs[1].Payload), `"action":"Delete"`) {
		t.Fatalf("events %v", evs)
	}
	if _, _, err := f.st.Record(ctx, c.Record.Key); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("record still there: %v", err)
	}
}

// A change no automation routes is stored, reported as a change, and queues
// nothing.
func TestApplyUnroutedChange(t *testing.T) {
	f := newFixture(t)
	c := benchRecord(t, 1, "Unhealthy")
	c.Record.Subscription = "ffffffff-0000-4000-8000-000000000000"
	res, err := f.p.Apply(context.Background(), []Change{c})
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].Changed || res[0].Events != 0 || res[0].Err != nil {
		t.Fatalf("result %+v", res[0])
	}
	if _, _, err := f.st.Record(context.Background(), c.Record.Key); err != nil {
		t.Fatalf("not stored: %v", err)
	}
	if evs := f.queued(t); len(evs) != 0 {
		t.Fatalf("queued %d events", len(evs))
	}
}
