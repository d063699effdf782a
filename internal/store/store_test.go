package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/model"
)

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func addAutomation(t *testing.T, s *Store, key string, fps ...string) []int64 {
	t.Helper()
	var ids []int64
	err := s.Write(context.Background(), func(tx *Tx) error {
		var err error
		_, ids, err = tx.PutAutomation(Automation{Key: key, Subscription: "s", Body: []byte(`{}`), Etag: "e", Updated: time.Now()}, fps)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestGroupCommitIsolatesFailures(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 100)
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.Write(ctx, func(tx *Tx) error {
				rec := model.Record{Key: fmt.Sprintf("/r/%03d", i), Kind: model.KindAssessment, State: "Healthy", Body: []byte(`{}`)}
				if err := tx.PutRecord(rec, 1); err != nil {
					return err
				}
				if i%10 == 0 {
					return errors.New("refused")
				}
				return nil
			})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if (i%10 == 0) != (err != nil) {
			t.Fatalf("write %d: err = %v", i, err)
		}
	}
	recs, err := s.Records(ctx, RecordQuery{Kind: model.KindAssessment, Prefix: "/r/", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 90 {
		t.Fatalf("got %d records, want 90 (failed writes must roll back alone)", len(recs))
	}
}

func TestOutboxCursorAndTrim(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	ids := addAutomation(t, s, "a1", "fp1", "fp2")
	a, b := ids[0], ids[1]
	for i := range 5 {
		err := s.Write(ctx, func(tx *Tx) error {
			targets := []int64{a}
			if i%2 == 0 {
				targets = append(targets, b)
			}
			_, err := tx.AppendEvent(model.Event{ID: NewID(), Source: model.SourceAssessments, RecordKey: "k", Time: time.Now(), Payload: []byte(fmt.Sprintf(`{"i":%d}`, i))}, targets)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	pa, _ := s.Pending(ctx, a, 0, 100)
	pb, _ := s.Pending(ctx, b, 0, 100)
	if len(pa) != 5 || len(pb) != 3 {
		t.Fatalf("pending a=%d b=%d, want 5 and 3", len(pa), len(pb))
	}
	if err := s.Write(ctx, func(tx *Tx) error {
		if err := tx.Advance(a, pa[4].Seq); err != nil {
			return err
		}
		_, err := tx.TrimEvents()
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Cursor(ctx, a); c != pa[4].Seq {
		t.Fatalf("cursor = %d", c)
	}
	pb2, _ := s.Pending(ctx, b, 0, 100)
	if len(pb2) != 3 || string(pb2[2].Payload) != `{"i":4}` {
		t.Fatalf("trim removed events still owed to b: %v", pb2)
	}
	// Drain b, trim everything, then append: sequence numbers must not restart.
	last := pb2[2].Seq
	if err := s.Write(ctx, func(tx *Tx) error {
		if err := tx.Advance(b, last); err != nil {
			return err
		}
		if _, err := tx.TrimEvents(); err != nil {
			return err
		}
		_, err := tx.AppendEvent(model.Event{ID: NewID(), RecordKey: "k", Time: time.Now(), Payload: []byte(`{}`)}, []int64{b})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	pb3, _ := s.Pending(ctx, b, last, 100)
	if len(pb3) != 1 || pb3[0].Seq <= last {
		t.Fatalf("event after full trim: %+v (last seq %d)", pb3, last)
	}
}

func TestDeadLetterReplay(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	ids := addAutomation(t, s, "a1", "fp1")
	ev := model.Event{ID: "ev-1", Source: model.SourceAlerts, RecordKey: "k", Time: time.Now(), Payload: []byte(`{"x":1}`)}
	if err := s.Write(ctx, func(tx *Tx) error {
		return tx.AddDeadLetter(DeadLetter{ActionID: ids[0], Event: ev, Reason: "HTTP 400", Attempts: 1, Time: time.Now()})
	}); err != nil {
		t.Fatal(err)
	}
	dls, err := s.DeadLetters(ctx, "a1", 0, 10)
	if err != nil || len(dls) != 1 || dls[0].Reason != "HTTP 400" || dls[0].Event.ID != "ev-1" {
		t.Fatalf("dead letters = %+v, %v", dls, err)
	}
	var n int
	if err := s.Write(ctx, func(tx *Tx) error {
		var err error
		_, n, err = tx.ReplayDeadLetters("a1", nil)
		return err
	}); err != nil || n != 1 {
		t.Fatalf("replay: n=%d err=%v", n, err)
	}
	p, _ := s.Pending(ctx, ids[0], 0, 10)
	if len(p) != 1 || p[0].ID != "ev-1" || string(p[0].Payload) != `{"x":1}` {
		t.Fatalf("replayed = %+v", p)
	}
	if dls, _ := s.DeadLetters(ctx, "a1", 0, 10); len(dls) != 0 {
		t.Fatalf("dead letters left after replay: %d", len(dls))
	}
}

func TestPutAutomationKeepsUnchangedActionQueues(t *testing.T) {
	s := open(t)
	ids := addAutomation(t, s, "a1", "x", "y")
	ids2 := addAutomation(t, s, "a1", "y", "z")
	if ids2[0] != ids[1] {
		t.Fatalf("unchanged action got a new id: %v -> %v", ids, ids2)
	}
	if ids2[1] == ids[0] || ids2[1] == ids[1] {
		t.Fatalf("new action reused an id: %v -> %v", ids, ids2)
	}
	a, err := s.Automation(context.Background(), "a1")
	if err != nil || len(a.ActionIDs) != 2 || a.ActionIDs[0] != ids[1] {
		t.Fatalf("automation = %+v, %v", a, err)
	}
}
