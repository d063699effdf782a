package kafka

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
)

// BenchmarkSend sends batches of 500 events of about 1.5 KB, the deliverer's
// shape, to a one-broker kfake cluster on loopback that stores what it gets;
// "blackhole" has the broker discard what it gets, leaving the client's cost.
func BenchmarkSend(b *testing.B) {
	for _, bc := range []struct {
		name, codec string
		opts        []kfake.Opt
	}{
		{"none", "none", nil},
		{"lz4", "lz4", nil},
		{"zstd", "zstd", nil},
		{"none/blackhole", "none", []kfake.Opt{kfake.BlackholeProduce()}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			c := newCluster(b, append(bc.opts, kfake.SeedTopics(8, "bench"))...)
			d := newDestination(b, Config{Brokers: c.ListenAddrs(), Topic: "bench", Compression: bc.codec})
			const batch = 500
			events := makeEvents("bench", batch, 200, 1500)
			ctx := context.Background()
			// Warm up: metadata and producer id.
			if err := d.Send(ctx, events[:1]); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(batch * len(events[0].Payload)))
			b.ResetTimer()
			start := time.Now()
			for b.Loop() {
				if err := d.Send(ctx, events); err != nil {
					b.Fatal(err)
				}
			}
			secs := time.Since(start).Seconds()
			b.ReportMetric(float64(b.N*batch)/secs, "events/s")
			b.ReportMetric(secs*1e3/float64(b.N), "ms/batch")
		})
	}
}

func ExampleIsSnapshot() {
	fmt.Println(IsSnapshot("AssessmentsSnapshot"), IsSnapshot("Assessments"))
	// Output: true false
}
