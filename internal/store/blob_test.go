package store

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/model"
)

func TestPackRoundTrip(t *testing.T) {
	big := []byte(`{"properties":{"description":"` + strings.Repeat("recommendation text ", 40) + `"}}`)
	for _, b := range [][]byte{nil, []byte(`{}`), big} {
		p := pack(b)
		if len(b) >= packMin && (p[0] != packedMagic || len(p) >= len(b)) {
			t.Errorf("a %d-byte blob packed to %d bytes", len(b), len(p))
		}
		got, err := unpack(p)
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("round trip of %d bytes: %v", len(b), err)
		}
	}
	// Blobs stored before compression read as they are.
	if got, _ := unpack(big); !bytes.Equal(got, big) {
		t.Error("an unpacked blob changed on read")
	}
	if _, err := unpack([]byte{packedMagic, 0xff, 0xff}); err == nil {
		t.Error("a corrupt blob read without error")
	}
}

// What goes in comes out byte for byte, through every path that stores blobs.
func TestBlobsReadBackExactly(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	ids := addAutomation(t, s, "a1", "fp")
	body := []byte(`{"id":"/subscriptions/s/r","properties":{"x":"` + strings.Repeat("y", 3000) + `"}}`)
	payload := append([]byte(`{"event":true,"pad":"`), append(bytes.Repeat([]byte("z"), 2000), `"}`...)...)
	rec := model.Record{Key: "/subscriptions/s/r", Kind: model.KindAssessment, Subscription: "s", State: "Healthy", Body: body}
	if err := s.Write(ctx, func(tx *Tx) error {
		if _, err := tx.InsertNewRecords([]model.Record{rec}); err != nil {
			return err
		}
		if err := tx.AppendEvents([]QueuedEvent{{Event: model.Event{ID: "e1", RecordKey: rec.Key, Time: time.Now(), Payload: payload}, Actions: ids}}); err != nil {
			return err
		}
		return tx.AddDeadLetter(DeadLetter{ActionID: ids[0], Event: model.Event{ID: "e2", Time: time.Now(), Payload: payload}, Reason: "r", Time: time.Now()})
	}); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.Record(ctx, rec.Key)
	if err != nil || !bytes.Equal(got.Body, body) {
		t.Fatalf("record body changed: %v", err)
	}
	evs, err := s.Pending(ctx, ids[0], 0, 10)
	if err != nil || len(evs) != 1 || !bytes.Equal(evs[0].Payload, payload) {
		t.Fatalf("event payload changed: %v", err)
	}
	dls, err := s.DeadLetters(ctx, "a1", 0, 10)
	if err != nil || len(dls) != 1 || !bytes.Equal(dls[0].Event.Payload, payload) {
		t.Fatalf("dead letter payload changed: %v", err)
	}
	if err := s.Write(ctx, func(tx *Tx) error { _, _, err := tx.ReplayDeadLetters("a1", nil); return err }); err != nil {
		t.Fatal(err)
	}
	evs, _ = s.Pending(ctx, ids[0], 0, 10)
	if len(evs) != 2 || !bytes.Equal(evs[1].Payload, payload) {
		t.Fatalf("replayed payload changed")
	}
}
