package kafka

import (
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/secexport/secexport/internal/deliver"
)

func TestSendSASL(t *testing.T) {
	t.Parallel()
	const user, pass = "exporter", "s3cret-pass-word"
	for _, tc := range []struct {
		mech    string
		consume kgo.Opt
	}{
		{SASLScramSHA256, kgo.SASL(scram.Auth{User: user, Pass: pass}.AsSha256Mechanism())},
		{SASLScramSHA512, kgo.SASL(scram.Auth{User: user, Pass: pass}.AsSha512Mechanism())},
	} {
		t.Run(tc.mech, func(t *testing.T) {
			t.Parallel()
			c := newCluster(t, kfake.EnableSASL(), kfake.Superuser(tc.mech, user, pass), kfake.SeedTopics(2, "t"))
			d := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "t", SASLMechanism: tc.mech, Username: user, Password: pass})
			events := makeEvents("s", 20, 4, 200)
			if err := d.Send(ctxTimeout(t, 5*time.Second), events); err != nil {
				t.Fatalf("Send: %v", err)
			}
			if recs := consume(t, c.ListenAddrs(), "t", len(events), tc.consume); len(recs) != len(events) {
				t.Fatalf("consumed %d records, want %d", len(recs), len(events))
			}
		})
	}
}

func TestSendWrongPassword(t *testing.T) {
	t.Parallel()
	const user, pass, wrong = "exporter", "right-password", "wrong-password-123"
	for _, mech := range []string{SASLPlain, SASLScramSHA256, SASLScramSHA512} {
		t.Run(mech, func(t *testing.T) {
			t.Parallel()
			c := newCluster(t, kfake.EnableSASL(), kfake.Superuser(mech, user, pass), kfake.SeedTopics(1, "t"))
			d := newDestination(t, Config{Brokers: c.ListenAddrs(), Topic: "t", SASLMechanism: mech, Username: user, Password: wrong})
			const deadline = 3 * time.Second // SCRAM's key derivation is slow under -race
			start := time.Now()
			err := d.Send(ctxTimeout(t, deadline), makeEvents("w", 3, 1, 100))
			if err == nil {
				t.Fatal("Send with a wrong password succeeded")
			}
			if took := time.Since(start); took > deadline+cancelGrace+abortWait {
				t.Errorf("Send took %v", took)
			}
			if deliver.IsPermanent(err) {
				t.Errorf("authentication failure is permanent; want retryable: %v", err)
			}
			if _, ok := err.(*deliver.BatchError); ok {
				t.Errorf("whole-batch failure came as a BatchError: %v", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "authentication failed") || strings.Contains(msg, wrong) {
				t.Errorf("error %q should say authentication failed and not hold the password", msg)
			}
			t.Log(err)
		})
	}
}
