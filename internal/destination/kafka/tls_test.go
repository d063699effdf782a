package kafka

import (
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/secexport/secexport/internal/destination/kafka/kafkatest"
)

func TestSendTLS(t *testing.T) {
	t.Parallel()
	caPEM, serverTLS := kafkatest.SelfSignedTLS(t)
	c := newCluster(t, kfake.TLS(serverTLS), kfake.SeedTopics(1, "t"))

	d := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "t", TLS: true, CACertPEM: caPEM})
	events := makeEvents("tls", 10, 2, 300)
	if err := d.Send(ctxTimeout(t, 5*time.Second), events); err != nil {
		t.Fatalf("Send with the broker's CA: %v", err)
	}
	consume(t, c.ListenAddrs(), "t", len(events), kgo.DialTLSConfig(kafkatest.ClientTLS(caPEM)))

	// The system roots do not know the test CA: the broker is not trusted.
	untrusting := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "t", TLS: true})
	err := untrusting.Send(ctxTimeout(t, time.Second), events)
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("Send without the CA = %v, want a certificate error", err)
	}
	t.Log(err)
}
