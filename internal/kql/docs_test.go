package kql

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDocsListEverything keeps docs/kql.md honest: every operator, scalar
// function and aggregate the compiler knows is named there (supported, or
// refused with its error), so a user can look up anything they paste.
func TestDocsListEverything(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "kql.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	var missing []string
	check := func(kind, name string) {
		if !strings.Contains(doc, "`"+name+"`") && !strings.Contains(doc, "`"+name+"(") && !strings.Contains(doc, "`"+name+" ") {
			missing = append(missing, kind+" "+name)
		}
	}
	for name := range operators {
		check("operator", name)
	}
	for name := range functions {
		check("function", name)
	}
	for name := range aggregates {
		check("aggregate", name)
	}
	for name := range unsupportedFunctions {
		_, fn := functions[name]
		_, agg := aggregates[name]
		if !fn && !agg {
			check("refused function", name)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("docs/kql.md does not name %d of what the compiler knows:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}
