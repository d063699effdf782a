package kql

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
)

// specTableOrder is the order of the tables in testdata/tables.json (the
// spec's order, which the workspace's schema lists them in): the order in
// which table name wildcards expand.
var specTableOrder = []string{
	"SecurityAlert", "SecurityRecommendation", "SecureScores", "SecureScoreControls",
	"SecurityRegulatoryCompliance", "SecurityNestedRecommendation",
}

// TableNames makes mapSchema a TableLister: the spec's tables in the spec's
// order, then any others by name.
func (m mapSchema) TableNames() []string {
	var names, rest []string
	for _, n := range specTableOrder {
		if _, ok := m[n]; ok {
			names = append(names, n)
		}
	}
	for n := range m {
		if !slices.Contains(specTableOrder, n) {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	return append(names, rest...)
}

// TestSpecTableOrder checks specTableOrder against testdata/tables.json.
func TestSpecTableOrder(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "tables.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var order []string
	if _, err := dec.Token(); err != nil { // {
		t.Fatal(err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		order = append(order, tok.(string))
		var cols json.RawMessage
		if err := dec.Decode(&cols); err != nil {
			t.Fatal(err)
		}
	}
	if len(order) != len(specTableOrder) {
		t.Fatalf("tables.json lists %v, specTableOrder %v", order, specTableOrder)
	}
	for i := range order {
		if order[i] != specTableOrder[i] {
			t.Fatalf("tables.json lists %v, specTableOrder %v", order, specTableOrder)
		}
	}
}
