package workspace

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/export"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
)

const (
	testTenant    = "8e2d6b1a-3c4f-4a5b-9c8d-7e6f5a4b3c2d"
	testWorkspace = "bc089d7b-485c-4aff-a71e-c00f362d8d2f"
)

// evaluated is when the example records were first merged; exported is the
// events' time.
var (
	evaluated = time.Date(2024, 5, 2, 10, 51, 36, 337682800, time.UTC)
	exported  = time.Date(2024, 5, 2, 11, 0, 0, 0, time.UTC)
)

// examples is where Azure's example payloads live: ../shared beside the
// repository.
var examples = filepath.Join("..", "..", "..", "shared", "spec", "examples")

// exampleBody returns the 200 response body of an example file, or its
// index-th item when index >= 0 and the body is a list.
func exampleBody(t testing.TB, path string, index int) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examples, path))
	if err != nil {
		t.Fatalf("read example: %v", err)
	}
	var f struct {
		Responses map[string]struct{ Body json.RawMessage }
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

func exampleRecord(t testing.TB, raw []byte) model.Record {
	t.Helper()
	rec, err := posture.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	rec, _ = posture.Merge(nil, rec, evaluated)
	return rec
}

// exampleRecords are records built from Azure's own examples, by kind.
func exampleRecords(t testing.TB) map[model.Kind]model.Record {
	t.Helper()
	md, err := posture.ParseMetadata("21300918-b2e3-0346-785f-c77ff57d243b",
		exampleBody(t, "assessmentMetadata/GetAssessmentsMetadata_subscription_example.json", -1))
	if err != nil {
		t.Fatal(err)
	}
	return map[model.Kind]model.Record{
		model.KindAlert:                exampleRecord(t, exampleBody(t, "alerts/GetAlertSubscriptionLocation_example.json", -1)),
		model.KindAssessment:           posture.WithMetadata(exampleRecord(t, exampleBody(t, "assessments/GetAssessment_example.json", -1)), md),
		model.KindSubAssessment:        exampleRecord(t, exampleBody(t, "subAssessments/GetSubAssessment_example.json", -1)),
		model.KindRegulatoryCompliance: exampleRecord(t, exampleBody(t, "regulatoryCompliance/getRegulatoryComplianceAssessment_example.json", -1)),
		model.KindSecureScore:          exampleRecord(t, exampleBody(t, "secureScores/GetSecureScoresSingle_example.json", -1)),
		model.KindSecureScoreControl:   exampleRecord(t, exampleBody(t, "secureScores/ListSecureScoreControlsForNameWithExpand_builtin_example.json", 1)),
	}
}

// exampleEvent is the event package export makes of an example record.
func exampleEvent(t testing.TB, rec model.Record, source model.EventSource, action model.ChangeAction) model.Event {
	t.Helper()
	snapshot := source != model.StreamingSource(rec.Kind)
	p, err := export.Payload(rec, action, snapshot, testTenant)
	if err != nil {
		t.Fatal(err)
	}
	return model.Event{ID: "ev-" + string(rec.Kind), Source: source, RecordKey: rec.Key, Time: exported, Payload: p}
}
