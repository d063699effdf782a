package bench

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/secexport/secexport/internal/kql"
	"github.com/secexport/secexport/internal/workspace"
)

// DefaultCompileRuns is how many times -kql compiles each suite query.
const DefaultCompileRuns = 200

// CompileResult is a -kql run: the KQL compiler (parse, resolve, write
// SQL) timed over the golden suite embedded in the binary.
type CompileResult struct {
	Queries  int // in the suite
	Rejected int // refused by the compiler (the suite's output.err queries); not timed
	Runs     int // compilations of each compiled query
	// Median, P90 and Max are over the queries, of each query's median
	// compile time; Slowest is the query with the Max.
	Median, P90, Max time.Duration
	Slowest          string
	// Mean is all the compilations' time over their number.
	Mean time.Duration
}

// MeasureCompile compiles every query of kql.Suite runs times against the
// workspace's schema, going round the suite so that no query is timed with
// only itself in the caches, and returns each query's median time
// summarised over the suite.
func MeasureCompile(ctx context.Context, runs int) (CompileResult, error) {
	if runs <= 0 {
		runs = DefaultCompileRuns
	}
	schema := workspace.KQLSchema()
	now := time.Now().UTC()
	suite := kql.Suite()
	res := CompileResult{Queries: len(suite), Runs: runs}
	// A first round finds the queries the compiler refuses and warms up.
	var queries []kql.SuiteQuery
	for _, q := range suite {
		if _, err := kql.Compile(q.KQL, schema, now); err != nil {
			res.Rejected++
			continue
		}
		queries = append(queries, q)
	}
	if len(queries) == 0 {
		return res, fmt.Errorf("none of the %d suite queries compiles", len(suite))
	}
	times := make([][]time.Duration, len(queries))
	for i := range times {
		times[i] = make([]time.Duration, 0, runs)
	}
	var total time.Duration
	for range runs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		for i, q := range queries {
			t := time.Now()
			_, err := kql.Compile(q.KQL, schema, now)
			d := time.Since(t)
			if err != nil {
				return res, fmt.Errorf("suite query %s: %w", q.Name, err)
			}
			times[i] = append(times[i], d)
			total += d
		}
	}
	medians := make([]time.Duration, len(queries))
	for i, ts := range times {
		slices.Sort(ts)
		medians[i] = ts[len(ts)/2]
	}
	slowest := 0
	for i, m := range medians {
		if m > medians[slowest] {
			slowest = i
		}
	}
	res.Slowest = queries[slowest].Name
	slices.Sort(medians)
	res.Median = medians[len(medians)/2]
	res.P90 = medians[len(medians)*9/10]
	res.Max = medians[len(medians)-1]
	res.Mean = total / time.Duration(runs*len(queries))
	return res, nil
}
