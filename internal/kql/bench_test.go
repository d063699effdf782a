package kql

import (
	"slices"
	"testing"
	"time"
)

// BenchmarkCompile compiles every golden query (parse, resolve, write SQL)
// and reports the median time per query as well as the mean.
func BenchmarkCompile(b *testing.B) {
	schema := loadSchema(b)
	var queries []string
	for _, gc := range goldenCases(b) {
		queries = append(queries, gc.input)
	}
	perQuery := make([][]time.Duration, len(queries))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, q := range queries {
			start := time.Now()
			Compile(q, schema, testNow)
			if len(perQuery[j]) < 1000 {
				perQuery[j] = append(perQuery[j], time.Since(start))
			}
		}
	}
	b.StopTimer()
	// The median over queries of each query's median time.
	medians := make([]time.Duration, len(queries))
	for j, ds := range perQuery {
		slices.Sort(ds)
		medians[j] = ds[len(ds)/2]
	}
	slices.Sort(medians)
	b.ReportMetric(float64(medians[len(medians)/2].Nanoseconds())/1e3, "µs/query(median)")
	b.ReportMetric(float64(medians[len(medians)-1].Nanoseconds())/1e3, "µs/query(max)")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(queries))/1e3, "µs/query(mean)")
}
