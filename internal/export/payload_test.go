package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/secexport/secexport/internal/model"
)

// TestActionAndSnapshot checks what action and snapshot change: the
// enrichment blocks and nothing else; alerts not at all.
func TestActionAndSnapshot(t *testing.T) {
	recs := exampleRecords(t)
	tests := []struct {
		record   string
		action   model.ChangeAction
		snapshot bool
		old, new string // the one replacement that turns the insert into this payload
		count    int
	}{
		{"assessment", model.ActionDelete, false, `"action":"Insert"`, `"action":"Delete"`, 2},
		{"assessment", model.ActionInsert, true, `"isSnapshot":false`, `"isSnapshot":true`, 2},
		{"subAssessment", model.ActionDelete, true, `{"action":"Insert","apiVersion":"2019-01-01-preview","isSnapshot":false}`, `{"action":"Delete","apiVersion":"2019-01-01-preview","isSnapshot":true}`, 2},
		{"compliance", model.ActionDelete, false, `"action":"Write"`, `"action":"Delete"`, 1},
		{"compliance", model.ActionInsert, true, `"isSnapshot":false`, `"isSnapshot":true`, 1},
		{"secureScore", model.ActionDelete, true, `{"action":"Insert","apiVersion":"2020-01-01","isSnapshot":false}`, `{"action":"Delete","apiVersion":"2020-01-01","isSnapshot":true}`, 1},
		{"secureScoreControl", model.ActionInsert, true, `"isSnapshot":false`, `"isSnapshot":true`, 1},
		{"alert", model.ActionDelete, true, "", "", 0},
	}
	for _, tt := range tests {
		rec := recs[tt.record]
		insert := payload(t, rec, model.ActionInsert, false)
		if n := strings.Count(string(insert), tt.old); tt.count > 0 && n != tt.count {
			t.Errorf("%s: insert has %d of %s, want %d", tt.record, n, tt.old, tt.count)
		}
		want := strings.ReplaceAll(string(insert), tt.old, tt.new)
		if got := payload(t, rec, tt.action, tt.snapshot); string(got) != want {
			t.Errorf("%s %s snapshot=%v\n got %s\nwant %s", tt.record, tt.action, tt.snapshot, got, want)
		}
	}
}

func TestPayloadErrors(t *testing.T) {
	rec := exampleRecords(t)["assessment"]
	if _, err := Payload(rec, "Update", false, tenant); err == nil || err.Error() != `export: unknown change action "Update"` {
		t.Errorf("unknown action: %v", err)
	}
	bad := rec
	bad.Kind = "attackPath"
	if _, err := Payload(bad, model.ActionInsert, false, tenant); err == nil || !strings.Contains(err.Error(), `unknown kind "attackPath"`) {
		t.Errorf("unknown kind: %v", err)
	}
	for _, body := range []string{``, `[]`, `{"id":"x"`, `{"name":"n","properties":{}}`, `{"id":1,"name":"n"}`} {
		bad := rec
		bad.Body = []byte(body)
		if out, err := Payload(bad, model.ActionInsert, false, tenant); err == nil {
			t.Errorf("body %s: got %s, want an error", body, out)
		}
	}
}

func TestTenantUnknown(t *testing.T) {
	recs := exampleRecords(t)
	out, err := Payload(recs["assessment"], model.ActionInsert, false, "")
	if err != nil || !bytes.Contains(out, []byte(`"tenantId":null,`)) {
		t.Errorf("assessment without tenant: %s, %v", out, err)
	}
	out, err = Payload(recs["alert"], model.ActionInsert, false, "")
	if err != nil || bytes.Contains(out, []byte(`AzureResourceTenantId`)) {
		t.Errorf("alert without tenant: %s, %v", out, err)
	}
}

// TestAlertDefaults renders an alert that has only what Parse requires.
func TestAlertDefaults(t *testing.T) {
	rec := record(t, []byte(`{"id":"/subscriptions/S/providers/Microsoft.Security/locations/l/alerts/A1","properties":{"severity":"Low","status":"resolved"}}`))
	got := payload(t, rec, model.ActionInsert, false)
	want := `{"VendorName":"Microsoft","AlertType":null,"ProductName":"Microsoft Defender for Cloud","StartTimeUtc":null,` +
		`"EndTimeUtc":null,"TimeGenerated":null,"ProcessingEndTime":null,"Severity":"Low","Status":"Resolved",` +
		`"ProviderAlertStatus":null,"ConfidenceLevel":null,"ConfidenceScore":null,"ConfidenceReasons":null,"IsIncident":false,` +
		`"SystemAlertId":"A1","CorrelationKey":null,"Intent":null,"AzureResourceId":null,"WorkspaceId":null,` +
		`"WorkspaceSubscriptionId":null,"WorkspaceResourceGroup":"","AgentId":"","CompromisedEntity":null,` +
		`"AlertDisplayName":null,"Description":null,"Entities":[],"ExtendedLinks":null,"RemediationSteps":[],` +
		`"ExtendedProperties":{},"ResourceIdentifiers":[],"AlertUri":null}`
	if string(got) != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

// TestAssessmentPartial renders an assessment without metadata or a display
// name, whose links and additionalData the producer already filled.
func TestAssessmentPartial(t *testing.T) {
	rec := record(t, []byte(`{"id":"/subscriptions/S/providers/Microsoft.Security/assessments/K",`+
		`"properties":{"status":{"code":"Healthy","firstEvaluationDate":"F","statusChangeDate":"C"},`+
		`"links":{"azurePortalUri":"https://x","azurePortal":"mine"},"additionalData":{"subAssessmentsLink":"theirs"},"risk":{"level":"Low"}}}`))
	got := payload(t, rec, model.ActionInsert, false)
	want := `{"assessmentEventDataEnrichment":{"action":"Insert","apiVersion":"2019-01-01","isSnapshot":false},` +
		`"securityEventDataEnrichment":{"action":"Insert","apiVersion":"2019-01-01","isSnapshot":false},` +
		`"tenantId":"` + tenant + `","type":"Microsoft.Security/assessments","kind":null,"location":null,"tags":null,` +
		`"id":"/subscriptions/S/providers/Microsoft.Security/assessments/K","name":"K","properties":{` +
		`"resourceDetails":{"source":"Azure","id":"/subscriptions/S"},` +
		`"status":{"code":"Healthy","statusChangeDate":"C","firstEvaluationDate":"F"},` +
		`"additionalData":{"subAssessmentsLink":"theirs"},"links":{"azurePortalUri":"https://x","azurePortal":"mine"}}}`
	if string(got) != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

func TestAppendURLEncoded(t *testing.T) {
	in := "/subscriptions/S/resourceGroups/My RG_(1)/providers/x.y/a-b*c!d~e:f?g&h=é"
	want := "%2fsubscriptions%2fS%2fresourceGroups%2fMy+RG_(1)%2fproviders%2fx.y%2fa-b*c!d%7ee%3af%3fg%26h%3d%c3%a9"
	if got := string(appendURLEncoded(nil, in)); got != want {
		t.Errorf("appendURLEncoded(%q)\n got %s\nwant %s", in, got, want)
	}
}

func BenchmarkPayloadAssessment(b *testing.B) {
	rec := benchRecord(b, "testdata/spec_assessment.input.json")
	b.SetBytes(int64(len(rec.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Payload(rec, model.ActionInsert, false, tenant); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPayloadAlert(b *testing.B) {
	rec := benchRecord(b, "testdata/spec_alert.input.json")
	b.SetBytes(int64(len(rec.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Payload(rec, model.ActionInsert, false, tenant); err != nil {
			b.Fatal(err)
		}
	}
}
