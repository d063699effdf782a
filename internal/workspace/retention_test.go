package workspace

import (
	"context"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/store"
)

func newService(t *testing.T, now *time.Time) *Service {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Service{DB: openDB(t), Store: st, Now: func() time.Time { return *now }}
}

// TestRetention: rows older than a workspace's retention go, per workspace,
// by TimeGenerated, as the clock moves.
func TestRetention(t *testing.T) {
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	s := newService(t, &now)
	ctx := context.Background()
	short := store.Workspace{Key: "/w/short", CustomerID: testWorkspace, RetentionDays: 30, Body: []byte(`{}`)}
	long := store.Workspace{Key: "/w/long", CustomerID: "11111111-2222-4333-8444-555555555555", RetentionDays: 90, Body: []byte(`{}`)}
	for _, w := range []store.Workspace{short, long} {
		if _, err := s.Put(ctx, w); err != nil {
			t.Fatal(err)
		}
		var rows []Row
		for _, age := range []int{100, 60, 31, 29, 1} {
			rows = append(rows, exampleRows(t, now.AddDate(0, 0, -age))...)
		}
		if err := s.Append(ctx, w.CustomerID, rows); err != nil {
			t.Fatal(err)
		}
	}
	alerts := func(w store.Workspace) int64 {
		n, err := s.DB.Count(ctx, w.CustomerID, SecurityAlert)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := s.Retain(ctx); err != nil {
		t.Fatal(err)
	}
	if a, b := alerts(short), alerts(long); a != 2 || b != 4 {
		t.Fatalf("after retention: short keeps %d alerts (want 2), long %d (want 4)", a, b)
	}
	now = now.AddDate(0, 0, 31) // a month later
	if err := s.Retain(ctx); err != nil {
		t.Fatal(err)
	}
	if a, b := alerts(short), alerts(long); a != 0 || b != 3 {
		t.Fatalf("a month later: short keeps %d alerts (want 0), long %d (want 3)", a, b)
	}

	// The background loop runs at once and then every interval.
	if err := s.Append(ctx, short.CustomerID, exampleRows(t, now.AddDate(0, 0, -31))); err != nil {
		t.Fatal(err)
	}
	loopCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { s.RunRetention(loopCtx, 10*time.Millisecond); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for alerts(short) != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if n := alerts(short); n != 0 {
		t.Errorf("the loop left %d expired alerts", n)
	}
}

func TestCheckRetention(t *testing.T) {
	for _, d := range []int{30, 90, 730} {
		if err := CheckRetention(d); err != nil {
			t.Error(err)
		}
	}
	for _, d := range []int{0, 29, 731, -1} {
		if err := CheckRetention(d); err == nil {
			t.Errorf("%d accepted", d)
		}
	}
}
