package kafka

import (
	"bytes"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestSendDeliversRecordsInOrderPerKey(t *testing.T) {
	t.Parallel()
	c := newCluster(t, kfake.SeedTopics(4, "security"))
	d := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "security"})

	events := makeEvents("ev", 300, 7, 600)
	// Two Sends one after the other, as the deliverer makes them.
	for _, batch := range [][]int{{0, 150}, {150, 300}} {
		if err := d.Send(ctxTimeout(t, 5e9), events[batch[0]:batch[1]]); err != nil {
			t.Fatalf("Send: %v", err)
		}
	}

	recs := consume(t, c.ListenAddrs(), "security", len(events))
	if len(recs) != len(events) {
		t.Fatalf("consumed %d records, want %d", len(recs), len(events))
	}
	byID := make(map[string]int, len(events))
	for i, e := range events {
		byID[e.ID] = i
	}
	lastPerKey := map[string]int{}
	partOfKey := map[string]int32{}
	for _, r := range recs {
		id := header(r, HeaderEventID)
		i, ok := byID[id]
		if !ok {
			t.Fatalf("record with unknown event-id %q", id)
		}
		delete(byID, id)
		e := events[i]
		if string(r.Key) != e.RecordKey {
			t.Errorf("%s: key %q, want %q", id, r.Key, e.RecordKey)
		}
		if !bytes.Equal(r.Value, e.Payload) {
			t.Errorf("%s: value differs from the payload", id)
		}
		wantSnap := "false"
		if e.Source == "AssessmentsSnapshot" {
			wantSnap = "true"
		}
		wantHeaders := []kgo.RecordHeader{
			{Key: "event-id", Value: []byte(e.ID)},
			{Key: "event-source", Value: []byte(e.Source)},
			{Key: "is-snapshot", Value: []byte(wantSnap)},
			{Key: "content-type", Value: []byte("application/json")},
		}
		if len(r.Headers) != len(wantHeaders) {
			t.Fatalf("%s: %d headers, want %d", id, len(r.Headers), len(wantHeaders))
		}
		for j, h := range wantHeaders {
			if r.Headers[j].Key != h.Key || !bytes.Equal(r.Headers[j].Value, h.Value) {
				t.Errorf("%s: header %d = %s:%s, want %s:%s", id, j, r.Headers[j].Key, r.Headers[j].Value, h.Key, h.Value)
			}
		}
		// Consumed records of one partition come in offset order: a key's
		// events must all sit on one partition and follow the send order.
		if p, ok := partOfKey[e.RecordKey]; ok && p != r.Partition {
			t.Errorf("key %s on partitions %d and %d", e.RecordKey, p, r.Partition)
		}
		partOfKey[e.RecordKey] = r.Partition
		if last, ok := lastPerKey[e.RecordKey]; ok && i < last {
			t.Errorf("key %s: event %d arrived after event %d", e.RecordKey, i, last)
		}
		lastPerKey[e.RecordKey] = i
	}
	if len(byID) != 0 {
		t.Errorf("%d events never arrived", len(byID))
	}
	parts := map[int32]bool{}
	for _, p := range partOfKey {
		parts[p] = true
	}
	if len(parts) < 2 {
		t.Errorf("7 keys landed on %d partition(s); keyed partitioning should spread them", len(parts))
	}
}

func TestSendCompression(t *testing.T) {
	t.Parallel()
	for _, codec := range []string{"none", "gzip", "snappy", "lz4", "zstd"} {
		t.Run(codec, func(t *testing.T) {
			t.Parallel()
			c := newCluster(t, kfake.SeedTopics(1, "t"))
			d := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "t", Compression: codec})
			events := makeEvents(codec, 50, 3, 1500)
			if err := d.Send(ctxTimeout(t, 5e9), events); err != nil {
				t.Fatalf("Send: %v", err)
			}
			recs := consume(t, c.ListenAddrs(), "t", len(events))
			for i, r := range recs {
				if !bytes.Equal(r.Value, events[i].Payload) || string(r.Key) != events[i].RecordKey {
					t.Fatalf("record %d does not match event %d", i, i)
				}
			}
		})
	}
}

func TestSendEmptyBatch(t *testing.T) {
	t.Parallel()
	d := newDestination(t, Config{Brokers: []string{"127.0.0.1:1"}, Topic: "t"})
	if err := d.Send(ctxTimeout(t, 1e9), nil); err != nil {
		t.Fatalf("Send(nil) = %v", err)
	}
}
