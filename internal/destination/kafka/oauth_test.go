package kafka

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/destination/kafka/kafkatest"
)

func TestSendOAuthBearer(t *testing.T) {
	t.Parallel()
	c := newCluster(t, kfake.SeedTopics(1, "t"))
	var valid atomic.Value
	valid.Store("token-1")
	kafkatest.AcceptOAuthBearer(c, func(tok string) error {
		if tok != valid.Load().(string) {
			return errors.New("token expired or invalid")
		}
		return nil
	})
	var calls atomic.Int32
	d := newDestination(t, Config{
		Brokers: c.ListenAddrs(), Topic: "t", SASLMechanism: SASLOAuthBearer,
		TokenSource: func(context.Context) (string, error) {
			calls.Add(1)
			return "token-1", nil
		},
	})
	events := makeEvents("oauth", 10, 2, 200)
	if err := d.Send(ctxTimeout(t, 5*time.Second), events); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if calls.Load() == 0 {
		t.Error("the token source was never asked")
	}
	consume(t, c.ListenAddrs(), "t", len(events))

	// The broker no longer takes the token: new connections fail to
	// authenticate, retryably, and the error says so.
	valid.Store("token-2")
	refused := newDestination(t, Config{
		Brokers: c.ListenAddrs(), Topic: "t", SASLMechanism: SASLOAuthBearer,
		TokenSource: func(context.Context) (string, error) { return "token-1", nil },
	})
	err := refused.Send(ctxTimeout(t, time.Second), events)
	if err == nil || deliver.IsPermanent(err) || !strings.Contains(err.Error(), "authentication failed") {
		t.Fatalf("Send with a refused token = %v, want a retryable authentication error", err)
	}
	t.Log(err)
}

func TestSendTokenSourceError(t *testing.T) {
	t.Parallel()
	c := newCluster(t, kfake.SeedTopics(1, "t"))
	kafkatest.AcceptOAuthBearer(c, func(string) error { return nil })
	d := newDestination(t, Config{
		Brokers: c.ListenAddrs(), Topic: "t", SASLMechanism: SASLOAuthBearer,
		TokenSource: func(context.Context) (string, error) { return "", errors.New("no managed identity endpoint") },
	})
	err := d.Send(ctxTimeout(t, time.Second), makeEvents("e", 2, 1, 100))
	if err == nil || !strings.Contains(err.Error(), "no managed identity endpoint") || !strings.Contains(err.Error(), "authentication failed") {
		t.Fatalf("Send = %v, want the token source's error", err)
	}
}
