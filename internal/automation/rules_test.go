package automation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// testEvent mixes an alert (flat, PascalCase) and an assessment (ARM shape)
// so that one payload exercises both styles of path.
const testEvent = `{
  "Severity": "High",
  "AlertDisplayName": "Suspicious login",
  "IsIncident": true,
  "Entities": [{"Type": "host", "HostName": "vm1"}, {"Type": "ip", "Address": "10.0.0.1"}],
  "type": "Microsoft.Security/assessments",
  "name": "4fb67663-9ab9-475d-b026-8c544cced439",
  "count": 5,
  "score": 2.5,
  "countText": "5",
  "exponentText": "1e1",
  "flagText": "False",
  "nothing": null,
  "obj": {"a": 1},
  "properties": {
    "metadata": {"severity": "Medium", "categories": ["Compute", "Data"]},
    "status": {"code": "Unhealthy"}
  }
}`

// decodeEvent decodes testEvent as encoding/json does by default (float64) or
// with UseNumber (json.Number).
func decodeEvent(t testing.TB, s string, useNumber bool) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	if useNumber {
		dec.UseNumber()
	}
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestRuleEval(t *testing.T) {
	tests := []struct {
		path, typ, op, expected string
		want                    bool
	}{
		// String, on a string.
		{"Severity", "String", "Equals", "High", true},
		{"Severity", "String", "Equals", "high", true},
		{"Severity", "String", "Equals", "Low", false},
		{"Severity", "String", "NotEquals", "Low", true},
		{"Severity", "String", "NotEquals", "HIGH", false},
		{"Severity", "String", "Contains", "IG", true},
		{"Severity", "String", "Contains", "x", false},
		{"Severity", "String", "StartsWith", "hi", true},
		{"Severity", "String", "StartsWith", "ig", false},
		{"Severity", "String", "EndsWith", "GH", true},
		{"Severity", "String", "EndsWith", "hi", false},
		{"type", "String", "Contains", "microsoft.security/ASSESSMENTS", true},
		{"name", "String", "Contains", "4FB67663", true},
		// String, on other scalars: their JSON text.
		{"count", "String", "Equals", "5", true},
		{"count", "String", "Contains", "5", true},
		{"score", "String", "Equals", "2.5", true},
		{"IsIncident", "String", "Equals", "TRUE", true},
		// String, on values that have no string form.
		{"obj", "String", "Equals", "x", false},
		{"obj", "String", "NotEquals", "x", true},
		{"properties.metadata.categories", "String", "Contains", "Compute", false},
		{"properties.metadata.categories", "String", "NotEquals", "Compute", true},

		// Integer.
		{"count", "Integer", "Equals", "5", true},
		{"count", "Integer", "Equals", "6", false},
		{"count", "Integer", "NotEquals", "6", true},
		{"count", "Integer", "NotEquals", "5", false},
		{"count", "Integer", "GreaterThan", "4", true},
		{"count", "Integer", "GreaterThan", "5", false},
		{"count", "Integer", "GreaterThanOrEqualTo", "5", true},
		{"count", "Integer", "GreaterThanOrEqualTo", "6", false},
		{"count", "Integer", "LesserThan", "6", true},
		{"count", "Integer", "LesserThan", "5", false},
		{"count", "Integer", "LesserThanOrEqualTo", "5", true},
		{"count", "Integer", "LesserThanOrEqualTo", "4", false},
		{"count", "Integer", "Equals", "-5", false},
		{"countText", "Integer", "Equals", "5", true},
		{"countText", "Integer", "GreaterThan", "4", true},
		{"score", "Integer", "GreaterThan", "2", true},
		{"score", "Integer", "Equals", "2", false},
		{"Severity", "Integer", "Equals", "1", false},
		{"Severity", "Integer", "GreaterThan", "1", false},
		{"Severity", "Integer", "NotEquals", "1", true},
		{"IsIncident", "Integer", "Equals", "1", false},

		// Number.
		{"score", "Number", "Equals", "2.5", true},
		{"score", "Number", "Equals", "2.50", true},
		{"score", "Number", "NotEquals", "2.4", true},
		{"score", "Number", "NotEquals", "2.5", false},
		{"score", "Number", "GreaterThan", "2.4", true},
		{"score", "Number", "GreaterThan", "2.5", false},
		{"score", "Number", "GreaterThanOrEqualTo", "2.5", true},
		{"score", "Number", "GreaterThanOrEqualTo", "2.6", false},
		{"score", "Number", "LesserThan", "2.6", true},
		{"score", "Number", "LesserThan", "2.5", false},
		{"score", "Number", "LesserThanOrEqualTo", "2.5", true},
		{"score", "Number", "LesserThanOrEqualTo", "2.4", false},
		{"count", "Number", "Equals", "5.0", true},
		{"count", "Number", "Equals", "5e0", true},
		{"exponentText", "Number", "Equals", "10", true},
		{"flagText", "Number", "Equals", "0", false},
		{"flagText", "Number", "NotEquals", "0", true},

		// Boolean.
		{"IsIncident", "Boolean", "Equals", "true", true},
		{"IsIncident", "Boolean", "Equals", "TRUE", true},
		{"IsIncident", "Boolean", "Equals", "false", false},
		{"IsIncident", "Boolean", "NotEquals", "false", true},
		{"IsIncident", "Boolean", "NotEquals", "true", false},
		{"flagText", "Boolean", "Equals", "false", true},
		{"Severity", "Boolean", "Equals", "true", false},
		{"Severity", "Boolean", "NotEquals", "true", true},
		{"count", "Boolean", "Equals", "true", false},

		// Missing and null properties: only NotEquals holds.
		{"Missing", "String", "Equals", "x", false},
		{"Missing", "String", "NotEquals", "x", true},
		{"Missing", "String", "Contains", "", false},
		{"Missing", "String", "StartsWith", "", false},
		{"Missing", "String", "EndsWith", "", false},
		{"Missing", "Integer", "GreaterThan", "0", false},
		{"Missing", "Integer", "LesserThan", "0", false},
		{"Missing", "Number", "NotEquals", "0", true},
		{"Missing", "Boolean", "Equals", "false", false},
		{"Missing", "Boolean", "NotEquals", "false", true},
		{"nothing", "String", "Equals", "", false},
		{"nothing", "String", "NotEquals", "", true},
		{"properties.missing.severity", "String", "NotEquals", "High", true},
		{"Severity.inner", "String", "Equals", "High", false},

		// Paths.
		{"$.Severity", "String", "Equals", "High", true},
		{"$Severity", "String", "Equals", "High", true},
		{"severity", "String", "Equals", "HIGH", true},
		{"SEVERITY", "String", "Equals", "high", true},
		{"properties.metadata.severity", "String", "Equals", "Medium", true},
		{"$.properties.metadata.severity", "String", "Equals", "medium", true},
		{"Properties.Metadata.Severity", "String", "Equals", "Medium", true},
		{"properties.status.code", "String", "Equals", "unhealthy", true},
		{"properties.metadata.categories[0]", "String", "Equals", "compute", true},
		{"properties.metadata.categories[1]", "String", "Equals", "Data", true},
		{"properties.metadata.categories[2]", "String", "Equals", "Data", false},
		{"properties.metadata.categories[2]", "String", "NotEquals", "Data", true},
		{"Entities[0].HostName", "String", "Equals", "VM1", true},
		{"entities[1].type", "String", "Equals", "ip", true},
		{"Entities[0]", "String", "Equals", "host", false},
		{"Severity[0]", "String", "Equals", "H", false},
		{"$.Entity.AssessmentType", "String", "Equals", "customAssessment", false},
	}
	for _, useNumber := range []bool{false, true} {
		payload := decodeEvent(t, testEvent, useNumber)
		for _, tt := range tests {
			name := fmt.Sprintf("%s %s %s %q/UseNumber=%v", tt.path, tt.typ, tt.op, tt.expected, useNumber)
			r := Rule{PropertyJPath: tt.path, PropertyType: tt.typ, ExpectedValue: tt.expected, Operator: tt.op}
			if got := r.Eval(payload); got != tt.want {
				t.Errorf("%s = %v, want %v", name, got, tt.want)
			}
		}
	}
}

func TestRuleEvalIntegersExactWithUseNumber(t *testing.T) {
	payload := decodeEvent(t, `{"big": 9007199254740993, "bigText": "9223372036854775807"}`, true)
	tests := []struct {
		r    Rule
		want bool
	}{
		{Rule{"big", "Integer", "9007199254740993", "Equals"}, true},
		{Rule{"big", "Integer", "9007199254740992", "Equals"}, false},
		{Rule{"big", "Integer", "9007199254740992", "GreaterThan"}, true},
		{Rule{"bigText", "Integer", "9223372036854775806", "GreaterThan"}, true},
		{Rule{"big", "String", "9007199254740993", "Equals"}, true},
	}
	for _, tt := range tests {
		if got := tt.r.Eval(payload); got != tt.want {
			t.Errorf("%+v = %v, want %v", tt.r, got, tt.want)
		}
	}
}

func TestRuleEvalStringFormOfFloats(t *testing.T) {
	// encoding/json writes these floats as shown; String rules see that text.
	for _, tc := range []struct{ json, text string }{
		{"1e21", "1e+21"}, {"0.0000001", "1e-7"}, {"100", "100"}, {"-0.5", "-0.5"}, {"123456789012", "123456789012"},
	} {
		payload := decodeEvent(t, `{"v": `+tc.json+`}`, false)
		r := Rule{"v", "String", tc.text, "Equals"}
		if !r.Eval(payload) {
			t.Errorf("String Equals %q on %s = false, want true", tc.text, tc.json)
		}
	}
}

func TestRuleEvalCaseInsensitiveLookupIsDeterministic(t *testing.T) {
	payload := map[string]any{"sev": "a", "SEV": "b", "Sev2": "c"}
	for range 20 {
		if !(Rule{"sev", "String", "a", "Equals"}).Eval(payload) {
			t.Fatal("exact key not preferred")
		}
		if !(Rule{"Sev", "String", "b", "Equals"}).Eval(payload) {
			t.Fatal("case-insensitive fallback did not pick the smallest key")
		}
	}
}

func TestRuleEvalInvalidRuleNeverHolds(t *testing.T) {
	payload := decodeEvent(t, testEvent, false)
	for _, r := range []Rule{
		{"Severity", "String", "High", "Bogus"},
		{"Missing", "Text", "x", "NotEquals"},
		{"a..b", "String", "x", "NotEquals"},
		{"count", "Integer", "five", "NotEquals"},
		{"Severity", "String", "High", "GreaterThan"},
	} {
		if r.Eval(payload) {
			t.Errorf("%+v held", r)
		}
	}
}

func TestRuleSetAndSource(t *testing.T) {
	payload := decodeEvent(t, testEvent, false)
	high := Rule{"Severity", "String", "High", "Equals"}
	low := Rule{"Severity", "String", "Low", "Equals"}
	incident := Rule{"IsIncident", "Boolean", "true", "Equals"}
	tests := []struct {
		name string
		src  Source
		want bool
	}{
		{"no rule sets", Source{}, true},
		{"empty rule sets", Source{RuleSets: []RuleSet{}}, true},
		{"rule set with no rules", Source{RuleSets: []RuleSet{{}}}, true},
		{"AND, all hold", Source{RuleSets: []RuleSet{{Rules: []Rule{high, incident}}}}, true},
		{"AND, one fails", Source{RuleSets: []RuleSet{{Rules: []Rule{high, low}}}}, false},
		{"OR, second holds", Source{RuleSets: []RuleSet{{Rules: []Rule{low}}, {Rules: []Rule{incident}}}}, true},
		{"OR, none holds", Source{RuleSets: []RuleSet{{Rules: []Rule{low}}, {Rules: []Rule{high, low}}}}, false},
	}
	for _, tt := range tests {
		if got := tt.src.Match(payload); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.name, got, tt.want)
		}
	}
}
