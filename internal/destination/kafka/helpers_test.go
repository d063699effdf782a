package kafka

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/secexport/secexport/internal/destination/kafka/kafkatest"
	"github.com/secexport/secexport/internal/model"
)

// newCluster starts a one-broker kfake cluster on loopback.
func newCluster(t testing.TB, opts ...kfake.Opt) *kfake.Cluster { return kafkatest.Cluster(t, opts...) }

func newDestination(t testing.TB, cfg Config) *Destination {
	t.Helper()
	d, err := New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// makeEvents makes n events spread over keys records, each payload about size
// bytes of JSON padded with random hex (compressing about as well as real
// exported JSON does); every third record's events come from a snapshot source.
func makeEvents(prefix string, n, keys, size int) []model.Event {
	rng := rand.New(rand.NewPCG(uint64(n), uint64(size)))
	evs := make([]model.Event, n)
	for i := range evs {
		k := i % keys
		src := model.SourceAssessments
		if k%3 == 2 {
			src = model.SourceAssessmentsSnapshot
		}
		id := fmt.Sprintf("%s-%06d", prefix, i)
		body := fmt.Sprintf(`{"id":%q,"seq":%d,"pad":"`, id, i)
		pad := max(size-len(body)-2, 0)
		evs[i] = model.Event{
			Seq:       int64(i + 1),
			ID:        id,
			Source:    src,
			RecordKey: fmt.Sprintf("/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm%d", k),
			Time:      time.Unix(1700000000, 0),
			Payload:   []byte(body + randomHex(rng, pad) + `"}`),
		}
	}
	return evs
}

// consume reads topic until n distinct events have arrived.
func consume(t testing.TB, brokers []string, topic string, n int, opts ...kgo.Opt) []*kgo.Record {
	t.Helper()
	return kafkatest.Consume(t, brokers, topic, HeaderEventID, n, opts...)
}

func header(r *kgo.Record, key string) string { return kafkatest.Header(r, key) }

func ctxTimeout(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func randomHex(rng *rand.Rand, n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[rng.IntN(len(digits))]
	}
	return string(b)
}

type model_Event = model.Event

func itoa(n int) string { return strconv.Itoa(n) }

func modelSource(s string) model.EventSource { return model.EventSource(s) }
