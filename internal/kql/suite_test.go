package kql

import "testing"

// TestSuite checks that the embedded suite is the golden folders' queries.
func TestSuite(t *testing.T) {
	golden := goldenCases(t)
	suite := Suite()
	if len(suite) != len(golden) {
		t.Fatalf("Suite has %d queries, testdata/golden %d folders", len(suite), len(golden))
	}
	for i, gc := range golden {
		if suite[i].Name != gc.name || suite[i].KQL != gc.input {
			t.Errorf("Suite()[%d] is %s %q, want %s %q", i, suite[i].Name, suite[i].KQL, gc.name, gc.input)
		}
	}
}
