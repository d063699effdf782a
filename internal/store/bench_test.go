package store

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/secexport/secexport/internal/model"
)

// BenchmarkConcurrentWrites measures group commit: 64 goroutines each writing
// one record per Write, as one-record ingest requests do.
func BenchmarkConcurrentWrites(b *testing.B) {
	s, err := Open(context.Background(), b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	body := make([]byte, 1500)
	for i := range body {
		body[i] = 'x'
	}
	var n atomic.Int64
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			err := s.Write(context.Background(), func(tx *Tx) error {
				rec := model.Record{Key: fmt.Sprintf("/subscriptions/x/r/%d", i), Kind: model.KindAssessment, State: "Healthy", Body: body}
				_, err := tx.PutRecordIf(rec, 0)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
}
