package export

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current output")

const tenant = "8e2d6b1a-3c4f-4a5b-9c8d-7e6f5a4b3c2d"

// evaluated is when the test records were first merged.
var evaluated = time.Date(2024, 5, 2, 10, 51, 36, 337682800, time.UTC)

// examples is where Azure's example payloads live: ../shared beside the
// repository, as every checkout and CI run has it.
var examples = filepath.Join("..", "..", "..", "shared", "spec", "examples")

// exampleBody returns the 200 response body of an example file, or its
// index-th item when the body is a list.
func exampleBody(t testing.TB, path string, index int) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examples, path))
	if err != nil {
		t.Fatalf("read example: %v", err)
	}
	var f struct {
		Responses map[string]struct {
			Body json.RawMessage
		}
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	body := f.Responses["200"].Body
	if index < 0 {
		return body
	}
	var list struct{ Value []json.RawMessage }
	if err := json.Unmarshal(body, &list); err != nil || index >= len(list.Value) {
		t.Fatalf("%s: no item %d: %v", path, index, err)
	}
	return list.Value[index]
}

// record ingests raw as secexport does: parse, then merge as a new record.
func record(t testing.TB, raw []byte) model.Record {
	t.Helper()
	rec, err := posture.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	rec, _ = posture.Merge(nil, rec, evaluated)
	return rec
}

func payload(t testing.TB, rec model.Record, action model.ChangeAction, snapshot bool) []byte {
	t.Helper()
	out, err := Payload(rec, action, snapshot, tenant)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(out) {
		t.Fatalf("payload is not valid JSON: %s", out)
	}
	return out
}

// exampleRecords are records built from Azure's own examples.
func exampleRecords(t testing.TB) map[string]model.Record {
	t.Helper()
	md, err := posture.ParseMetadata("21300918-b2e3-0346-785f-c77ff57d243b",
		exampleBody(t, "assessmentMetadata/GetAssessmentsMetadata_subscription_example.json", -1))
	if err != nil {
		t.Fatal(err)
	}
	return map[string]model.Record{
		"alert":              record(t, exampleBody(t, "alerts/GetAlertSubscriptionLocation_example.json", -1)),
		"assessment":         posture.WithMetadata(record(t, exampleBody(t, "assessments/GetAssessment_example.json", -1)), md),
		"subAssessment":      record(t, exampleBody(t, "subAssessments/GetSubAssessment_example.json", -1)),
		"compliance":         record(t, exampleBody(t, "regulatoryCompliance/getRegulatoryComplianceAssessment_example.json", -1)),
		"secureScore":        record(t, exampleBody(t, "secureScores/GetSecureScoresSingle_example.json", -1)),
		"secureScoreControl": record(t, exampleBody(t, "secureScores/ListSecureScoreControlsForNameWithExpand_builtin_example.json", 1)),
	}
}

// TestGolden renders Azure's example records and compares the bytes with
// testdata/*.golden.json; go test ./internal/export -update rewrites them.
func TestGolden(t *testing.T) {
	recs := exampleRecords(t)
	tests := []struct {
		name     string
		record   string
		action   model.ChangeAction
		snapshot bool
	}{
		{"alert", "alert", model.ActionInsert, false},
		{"assessment", "assessment", model.ActionInsert, false},
		{"assessment_snapshot", "assessment", model.ActionInsert, true},
		{"assessment_delete", "assessment", model.ActionDelete, false},
		{"subAssessment", "subAssessment", model.ActionInsert, false},
		{"compliance", "compliance", model.ActionInsert, false},
		{"compliance_delete", "compliance", model.ActionDelete, false},
		{"compliance_snapshot", "compliance", model.ActionInsert, true},
		{"secureScore", "secureScore", model.ActionInsert, false},
		{"secureScoreControl", "secureScoreControl", model.ActionInsert, false},
		{"secureScoreControl_snapshot", "secureScoreControl", model.ActionInsert, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := payload(t, recs[tt.record], tt.action, tt.snapshot)
			path := filepath.Join("testdata", tt.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs\n got %s\nwant %s", path, got, want)
			}
		})
	}
}

// TestSpecSamples renders records shaped like the exported samples in the spec
// (testdata/spec_*.input.json) and compares the bytes with hand-written
// expectations (testdata/spec_*.want.json): the key set and order of every
// object, and every value.
func TestSpecSamples(t *testing.T) {
	for _, name := range []string{"alert", "assessment", "compliance", "secureScoreControl"} {
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", "spec_"+name+".input.json"))
			if err != nil {
				t.Fatal(err)
			}
			wantIndented, err := os.ReadFile(filepath.Join("testdata", "spec_"+name+".want.json"))
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := json.Compact(&want, wantIndented); err != nil {
				t.Fatal(err)
			}
			got := payload(t, record(t, in), model.ActionInsert, false)
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("payload differs from the spec sample\n got %s\nwant %s", got, want.Bytes())
			}
			if gk, wk := keyPaths(t, got), keyPaths(t, want.Bytes()); strings.Join(gk, " ") != strings.Join(wk, " ") {
				t.Errorf("keys\n got %v\nwant %v", gk, wk)
			}
		})
	}
}

// keyPaths lists every object key in data as a dotted path, in document
// order; array elements add "[]".
func keyPaths(t *testing.T, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	var paths []string
	var walk func(prefix string) error
	walk = func(prefix string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return err
				}
				path := prefix + key.(string)
				paths = append(paths, path)
				if err := walk(path + "."); err != nil {
					return err
				}
			}
		case json.Delim('['):
			for dec.More() {
				if err := walk(strings.TrimSuffix(prefix, ".") + "[]."); err != nil {
					return err
				}
			}
		default:
			return nil
		}
		_, err = dec.Token() // the closing delimiter
		return err
	}
	if err := walk(""); err != nil {
		t.Fatalf("keyPaths: %v", err)
	}
	return paths
}

func benchRecord(b *testing.B, path string) model.Record {
	b.Helper()
	in, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return record(b, in)
}
