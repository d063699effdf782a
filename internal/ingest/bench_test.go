package ingest

import (
	"context"
	"fmt"
	"testing"

	"github.com/secexport/secexport/internal/posture"
)

func benchRecord(b testing.TB, i int, status string) Change {
	res := fmt.Sprintf("/subscriptions/00000000-0000-4000-8000-%012d/resourceGroups/rg-%d/providers/Microsoft.Compute/virtualMachines/vm-%d", i%3, i%7, i)
	body := fmt.Sprintf(`{"id":"%s/providers/Microsoft.Security/assessments/bench-%d","type":"Microsoft.Security/assessments","properties":{"resourceDetails":{"source":"Azure","id":"%s"},"status":{"code":%q},"metadata":{"displayName":"Machines should have vulnerability findings resolved","assessmentType":"BuiltIn","severity":"High","categories":["Compute"],"description":"Resolve the vulnerability findings on your machines to protect them from attack.","remediationDescription":"Review and remediate the findings."}}}`, res, i, res, status)
	rec, err := posture.Parse([]byte(body))
	if err != nil {
		b.Fatal(err)
	}
	return Change{Record: rec}
}

// BenchmarkApply measures applying batches of 1,000 new records, each an
// exportable change queued for one action.
func BenchmarkApply(b *testing.B) {
	p := newFixture(b).p
	const batch = 1000
	changes := make([]Change, batch)
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		for i := range changes {
			changes[i] = benchRecord(b, n*batch+i, "Unhealthy")
		}
		b.StartTimer()
		if _, err := p.Apply(context.Background(), changes); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "records/s")
}
