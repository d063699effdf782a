package kafka

import (
	"bytes"
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/secexport/secexport/internal/deliver"
)

func TestSendUnknownTopic(t *testing.T) {
	t.Parallel()
	c := newCluster(t, kfake.SeedTopics(1, "other"))
	d := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "missing"})
	start := time.Now()
	err := d.Send(ctxTimeout(t, 8*time.Second), makeEvents("u", 5, 2, 100))
	took := time.Since(start)
	t.Logf("after %v: %v", took, err)
	if err == nil {
		t.Fatal("Send to a missing topic succeeded")
	}
	if deliver.IsPermanent(err) {
		t.Errorf("missing topic is permanent; want retryable: %v", err)
	}
	if !strings.Contains(err.Error(), `"missing" does not exist`) {
		t.Errorf("error %q should say the topic does not exist", err)
	}
	if took > 8*time.Second+time.Second {
		t.Errorf("Send took %v, beyond its deadline", took)
	}
}

func TestSendUnreachableBrokerReturnsAtDeadline(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	d := newDestination(t, Config{Brokers: []string{addr}, Topic: "t"})
	start := time.Now()
	err = d.Send(ctxTimeout(t, 700*time.Millisecond), makeEvents("x", 10, 2, 100))
	took := time.Since(start)
	if err == nil {
		t.Fatal("Send to an unreachable broker succeeded")
	}
	if deliver.IsPermanent(err) {
		t.Errorf("unreachable broker is permanent; want retryable: %v", err)
	}
	if !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("error %q should name the last broker error", err)
	}
	if took > 700*time.Millisecond+cancelGrace+200*time.Millisecond {
		t.Errorf("Send took %v", took)
	}
}

func TestSendOversizedEventIsPermanent(t *testing.T) {
	t.Parallel()
	c := newCluster(t, kfake.SeedTopics(2, "t"))
	d := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "t", MaxMessageBytes: 4096})
	events := makeEvents("o", 6, 3, 1000)
	big := makeEvents("big", 1, 1, 5000)[0]
	events[2] = big
	err := d.Send(ctxTimeout(t, 5*time.Second), events)
	var be *deliver.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("Send = %v, want a *deliver.BatchError", err)
	}
	for i, e := range be.Errs {
		switch {
		case i == 2 && !deliver.IsPermanent(e):
			t.Errorf("oversized event: %v, want a permanent error", e)
		case i == 2:
			n := recordSize(newRecord(big))
			want := "event of " + itoa(n) + " bytes exceeds the destination's limit of 4096 bytes"
			if e.Error() != want {
				t.Errorf("oversized event: %q, want %q", e, want)
			}
		case e != nil:
			t.Errorf("event %d: %v, want delivered", i, e)
		}
	}
	recs := consume(t, c.ListenAddrs(), "t", 5)
	for _, r := range recs {
		if bytes.Equal(r.Value, big.Payload) {
			t.Error("the oversized event was produced")
		}
	}
	if len(recs) != 5 {
		t.Errorf("consumed %d records, want 5", len(recs))
	}
}

// A broker whose limit is below ours rejects the event itself: that is
// permanent for the event, and the others still go through.
func TestSendBrokerMessageTooLarge(t *testing.T) {
	t.Parallel()
	c := newCluster(t, kfake.SeedTopics(1, "t"), kfake.BrokerConfigs(map[string]string{"message.max.bytes": "3000"}))
	d := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "t"})
	small := makeEvents("s", 1, 1, 500)[0]
	big := makeEvents("b", 1, 1, 4000)[0]
	if err := d.Send(ctxTimeout(t, 5*time.Second), []model_Event{small}); err != nil {
		t.Fatalf("small event: %v", err)
	}
	err := d.Send(ctxTimeout(t, 5*time.Second), []model_Event{big})
	var be *deliver.BatchError
	if !errors.As(err, &be) || !deliver.IsPermanent(be.Errs[0]) {
		t.Fatalf("big event: %v, want a BatchError with a permanent entry", err)
	}
	if !strings.Contains(err.Error(), "too large") {
		t.Errorf("error %q should say too large", err)
	}
}

// A broker that takes produce requests and never answers must not hold Send
// past its deadline.
func TestSendHungBrokerReturnsAtDeadline(t *testing.T) {
	t.Parallel()
	c := newCluster(t, kfake.SeedTopics(1, "t"))
	c.ControlKey(int16(kmsg.Produce), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return nil, nil, true // swallow the request: no response, connection open
	})
	d := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "t"})
	const deadline = 800 * time.Millisecond
	start := time.Now()
	err := d.Send(ctxTimeout(t, deadline), makeEvents("h", 20, 2, 100))
	took := time.Since(start)
	t.Logf("after %v: %v", took, err)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || deliver.IsPermanent(err) {
		t.Fatalf("want a retryable deadline error, got %v", err)
	}
	if max := deadline + cancelGrace + abortWait; took > max {
		t.Errorf("Send took %v, want at most %v", took, max)
	}
}

// A broker whose batch limit is below the client's rejects whole batches;
// their events are sent again one by one and all arrive (their order is not
// kept: a later batch of the same partition may have gone through).
func TestSendSplitsBatchesTheBrokerFindsTooLarge(t *testing.T) {
	t.Parallel()
	c := newCluster(t, kfake.SeedTopics(1, "t"), kfake.BrokerConfigs(map[string]string{"message.max.bytes": "3000"}))
	d := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "t"})
	events := makeEvents("split", 6, 1, 1000) // one key: one partition, one batch of ~6 KB
	if err := d.Send(ctxTimeout(t, 5*time.Second), events); err != nil {
		t.Fatalf("Send: %v", err)
	}
	recs := consume(t, c.ListenAddrs(), "t", len(events))
	if len(recs) != len(events) {
		t.Errorf("consumed %d records, want %d", len(recs), len(events))
	}
}
