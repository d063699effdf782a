package kafka

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

func newConsumer(t *testing.T, cfg Config, fromBeginning bool) *Consumer {
	t.Helper()
	c, err := NewConsumer(cfg, fromBeginning, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// pollN polls until n records arrived.
func pollN(t *testing.T, c *Consumer, n int) []*kgo.Record {
	t.Helper()
	ctx := ctxTimeout(t, 10*time.Second)
	var out []*kgo.Record
	for len(out) < n {
		recs, err := c.Poll(ctx)
		if err != nil {
			t.Fatalf("Poll after %d of %d records: %v", len(out), n, err)
		}
		out = append(out, recs...)
	}
	return out
}

func TestConsumerReadsWhatWasSent(t *testing.T) {
	t.Parallel()
	const user, pass = "tail", "tail-pass-0123"
	c := newCluster(t, kfake.EnableSASL(), kfake.Superuser(SASLScramSHA512, user, pass), kfake.SeedTopics(3, "t"))
	cfg := Config{Brokers: c.ListenAddrs(), Topic: "t", SASLMechanism: SASLScramSHA512, Username: user, Password: pass}
	d := newDestination(t, cfg)
	before, after := makeEvents("before", 30, 5, 300), makeEvents("after", 10, 5, 300)
	if err := d.Send(ctxTimeout(t, 5*time.Second), before); err != nil {
		t.Fatal(err)
	}

	all := newConsumer(t, cfg, true)
	recs := pollN(t, all, len(before))
	for _, r := range recs {
		if !strings.HasPrefix(header(r, HeaderEventID), "before-") {
			t.Fatalf("unexpected record %s", header(r, HeaderEventID))
		}
	}

	// A consumer from the end sees only what comes after it started.
	latest := newConsumer(t, cfg, false)
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	if recs, err := latest.Poll(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("consumer from the end: %d records, %v; want none before new ones", len(recs), err)
	}
	if err := d.Send(ctxTimeout(t, 5*time.Second), after); err != nil {
		t.Fatal(err)
	}
	recs = pollN(t, latest, len(after))
	byID := map[string][]byte{}
	for _, e := range after {
		byID[e.ID] = e.Payload
	}
	for _, r := range recs {
		if want, ok := byID[header(r, HeaderEventID)]; !ok || !bytes.Equal(r.Value, want) {
			t.Errorf("record %s: not one of the events sent after", header(r, HeaderEventID))
		}
	}
}

func TestConsumerWrongPassword(t *testing.T) {
	t.Parallel()
	c := newCluster(t, kfake.EnableSASL(), kfake.Superuser(SASLPlain, "u", "right-pass"), kfake.SeedTopics(1, "t"))
	const wrong = "wrong-pass-0123"
	cons := newConsumer(t, Config{Brokers: c.ListenAddrs(), Topic: "t", SASLMechanism: SASLPlain, Username: "u", Password: wrong}, true)
	_, err := cons.Poll(ctxTimeout(t, 10*time.Second))
	if err == nil || errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "authentication failed") {
		t.Fatalf("Poll = %v, want an authentication error", err)
	}
	if strings.Contains(err.Error(), wrong) {
		t.Errorf("error %q holds the password", err)
	}
	t.Log(err)
}

func TestConsumerUnknownTopic(t *testing.T) {
	t.Parallel()
	c := newCluster(t, kfake.SeedTopics(1, "t"))
	cons := newConsumer(t, Config{Brokers: c.ListenAddrs(), Topic: "missing"}, true)
	_, err := cons.Poll(ctxTimeout(t, 5*time.Second))
	if err == nil || !strings.Contains(err.Error(), `kafka topic "missing" does not exist`) {
		t.Fatalf("Poll = %v, want an error saying the topic does not exist", err)
	}
}
