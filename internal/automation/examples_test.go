package automation

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// example is an Azure REST API example file (testdata/examples, copied from
// azure-rest-api-specs).
type example struct {
	Parameters struct {
		SubscriptionID    string          `json:"subscriptionId"`
		ResourceGroupName string          `json:"resourceGroupName"`
		Automation        json.RawMessage `json:"Automation"`
	} `json:"parameters"`
	Responses map[string]struct {
		Body json.RawMessage `json:"body"`
	} `json:"responses"`
}

func loadExamples(t *testing.T) map[string]example {
	t.Helper()
	files, err := filepath.Glob("testdata/examples/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	out := make(map[string]example)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var ex example
		if err := json.Unmarshal(data, &ex); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), "_example.json")] = ex
	}
	return out
}

// TestExampleRequests decodes and validates every request body of the Azure
// examples, and checks that what secexport would answer (the Public view)
// matches Azure's documented response, less the fields the API layer sets.
func TestExampleRequests(t *testing.T) {
	n := 0
	for name, ex := range loadExamples(t) {
		if ex.Parameters.Automation == nil {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			a, err := Decode(ex.Parameters.Automation)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if err := a.Validate(ex.Parameters.SubscriptionID, ex.Parameters.ResourceGroupName); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			resp, ok := ex.Responses["200"]
			if !ok || !strings.HasPrefix(name, "Put") && !strings.HasPrefix(name, "Patch") {
				return
			}
			pub := a.Public()
			for _, act := range pub.Properties.Actions {
				if act.URI != "" {
					t.Errorf("Public() kept the Logic App uri")
				}
			}
			got := jsonValue(t, mustMarshal(t, pub))
			want := jsonValue(t, resp.Body)
			for _, k := range []string{"id", "name", "type", "etag"} { // set by the API layer
				delete(got, k)
				delete(want, k)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Public() =\n%s\nwant\n%s", mustMarshal(t, got), mustMarshal(t, want))
			}
		})
	}
	if n < 6 {
		t.Errorf("found %d example requests, want at least 6", n)
	}
}

// TestExampleResponsesRoundTrip decodes every automation Azure serves in the
// examples and encodes it again: the JSON shape must survive unchanged.
func TestExampleResponsesRoundTrip(t *testing.T) {
	for name, ex := range loadExamples(t) {
		for code, resp := range ex.Responses {
			if resp.Body == nil || strings.Contains(string(resp.Body), "isValid") {
				continue
			}
			var bodies []json.RawMessage
			var list struct {
				Value []json.RawMessage `json:"value"`
			}
			if err := json.Unmarshal(resp.Body, &list); err == nil && list.Value != nil {
				bodies = list.Value
			} else {
				bodies = []json.RawMessage{resp.Body}
			}
			for _, body := range bodies {
				a, err := Decode(body)
				if err != nil {
					t.Fatalf("%s %s: Decode: %v", name, code, err)
				}
				got, want := jsonValue(t, mustMarshal(t, a)), jsonValue(t, body)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s: round trip =\n%s\nwant\n%s", name, code, mustMarshal(t, got), body)
				}
			}
		}
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func jsonValue(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return v
}
