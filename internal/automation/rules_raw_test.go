package automation

import (
	"encoding/json"
	"testing"
)

// Rules must give the same answer over raw JSON as over a decoded payload.
func TestRulesOverRawJSONAgreeWithDecoded(t *testing.T) {
	payload := []byte(`{"Severity":"High","properties":{"metadata":{"severity":"Medium","threats":["A","b"]},"score":{"current":3.5}},"IsIncident":true,"Entities":[{"Type":"ip","Address":"10.0.0.1"}],"n":"42"}`)
	var decoded any
	if err := json.Unmarshal(payload, &decoded); err != nil {
		t.Fatal(err)
	}
	rules := []Rule{
		{"Severity", TypeString, "high", OpEquals},
		{"severity", TypeString, "HIGH", OpEquals},
		{"$.properties.metadata.severity", TypeString, "med", OpStartsWith},
		{"properties.metadata.threats[1]", TypeString, "B", OpEquals},
		{"properties.metadata.threats[2]", TypeString, "B", OpNotEquals},
		{"properties.score.current", TypeNumber, "3", OpGreaterThan},
		{"n", TypeInteger, "41", OpGreaterThan},
		{"IsIncident", TypeBoolean, "true", OpEquals},
		{"Entities[0].Type", TypeString, "IP", OpEquals},
		{"Entities[0].Missing", TypeString, "x", OpEquals},
		{"properties", TypeString, "x", OpContains},
	}
	for _, r := range rules {
		if _, err := compileRule(r); err != nil {
			t.Fatalf("rule %+v invalid: %v", r, err)
		}
		if got, want := r.Eval(json.RawMessage(payload)), r.Eval(decoded); got != want {
			t.Errorf("%s %s %q: raw %v, decoded %v", r.PropertyJPath, r.Operator, r.ExpectedValue, got, want)
		}
	}
}
