package engine_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/secexport/secexport/internal/destination/kafka"
	"github.com/secexport/secexport/internal/destination/kafka/kafkatest"
)

// Events go from the ingest pipeline through the outbox to an Event Hubs
// emulator endpoint (SASL PLAIN as $ConnectionString) and to a Kafka cluster
// with SCRAM-SHA-256, and arrive as exported: the payload byte for byte,
// keyed by the record, with the four headers.
func TestEventHubAndKafkaEndToEnd(t *testing.T) {
	hub, cs := emulatorHub(t)
	const user, pass = "exporter", "scram-pass-word-1"
	cluster := kafkatest.Cluster(t, kfake.EnableSASL(), kfake.Superuser("SCRAM-SHA-256", user, pass), kfake.SeedTopics(3, "security"))

	e := newEnv(t)
	e.put("to-hub", eventHubAction(cs))
	e.put("to-kafka", kafkaAction(cluster.ListenAddrs(), "security", "scram-sha-256", user, pass))
	want := e.ingest(records("e2e", 40)...)

	for _, tc := range []struct {
		name    string
		brokers []string
		topic   string
		auth    kgo.Opt
	}{
		{"EventHub", hub.ListenAddrs(), "hub", kgo.SASL(plain.Auth{User: "$ConnectionString", Pass: cs}.AsMechanism())},
		{"Kafka", cluster.ListenAddrs(), "security", kgo.SASL(scram.Auth{User: user, Pass: pass}.AsSha256Mechanism())},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := kafkatest.Consume(t, tc.brokers, tc.topic, kafka.HeaderEventID, len(want), tc.auth)
			checkRecords(t, recs, want)
		})
	}
	if strings.Contains(e.log.String(), "c2VjcmV0LWh1Yi1rZXk") || strings.Contains(e.log.String(), pass) {
		t.Error("the log holds a secret")
	}
}

// checkRecords checks that recs are want, in order per record key, each once
// (duplicates aside).
func checkRecords(t *testing.T, recs []*kgo.Record, want []sent) {
	t.Helper()
	byPayload := map[string]sent{}
	for _, w := range want {
		byPayload[string(w.payload)] = w
	}
	seen := map[string]bool{}
	lastPos := map[string]int{}
	pos := map[string]int{}
	for i, w := range want {
		pos[string(w.payload)] = i
	}
	for _, r := range recs {
		w, ok := byPayload[string(r.Value)]
		if !ok {
			t.Fatalf("a record's value is no exported payload:\n%s", r.Value)
		}
		id := kafkatest.Header(r, kafka.HeaderEventID)
		if seen[id] {
			continue
		}
		seen[id] = true
		if string(r.Key) != w.key {
			t.Errorf("key %q, want %q", r.Key, w.key)
		}
		wantHeaders := []kgo.RecordHeader{
			{Key: "event-id", Value: []byte(id)},
			{Key: "event-source", Value: []byte(w.source)},
			{Key: "is-snapshot", Value: []byte("false")},
			{Key: "content-type", Value: []byte("application/json")},
		}
		if len(r.Headers) != len(wantHeaders) || id == "" {
			t.Fatalf("headers %v, want %v", r.Headers, wantHeaders)
		}
		for j, h := range wantHeaders {
			if r.Headers[j].Key != h.Key || !bytes.Equal(r.Headers[j].Value, h.Value) {
				t.Errorf("header %d = %s: %s, want %s: %s", j, r.Headers[j].Key, r.Headers[j].Value, h.Key, h.Value)
			}
		}
		p := pos[string(r.Value)]
		if last, ok := lastPos[w.key]; ok && p < last {
			t.Errorf("record %s: event %d after event %d", w.key, p, last)
		}
		lastPos[w.key] = p
	}
	if len(seen) != len(want) {
		t.Errorf("%d distinct events, want %d", len(seen), len(want))
	}
}
