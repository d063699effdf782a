package kafka

import (
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
)

// Closing a destination whose broker is gone is quick: an engine with many
// Kafka actions stops (and deletes an automation) without waiting a second
// per destination.
func TestCloseAfterBrokerGoneIsQuick(t *testing.T) {
	t.Parallel()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, "t"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := New(Config{Brokers: c.ListenAddrs(), Topic: "t"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Send(ctxTimeout(t, 5*time.Second), makeEvents("c", 5, 2, 100)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the client settle its connections
	c.Close()
	start := time.Now()
	d.Close()
	if took := time.Since(start); took > 300*time.Millisecond {
		t.Errorf("Close took %v", took)
	}
}
