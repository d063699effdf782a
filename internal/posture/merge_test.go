package posture

import (
	"strings"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/model"
)

var (
	t0 = time.Date(2024, 11, 20, 10, 51, 36, 337682800, time.UTC)
	t1 = t0.Add(time.Hour)
)

const (
	t0s = "2024-11-20T10:51:36.3376828Z"
	t1s = "2024-11-20T11:51:36.3376828Z"
)

func mustParse(t *testing.T, in []byte) model.Record {
	t.Helper()
	rec, err := Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func assessmentIn(status string) []byte {
	return input("/subscriptions/S/providers/Microsoft.Security/assessments/A", "", `{"resourceDetails":{"source":"Azure","id":"/subscriptions/S"},"status":`+status+`}`)
}

func assessmentBody(status string) string {
	return `{"id":"/subscriptions/S/providers/Microsoft.Security/assessments/A","name":"A","type":"Microsoft.Security/assessments",` +
		`"properties":{"resourceDetails":{"source":"Azure","id":"/subscriptions/S"},"status":` + status + `}}`
}

func TestMergeAssessment(t *testing.T) {
	// stored is the record as first merged at t0.
	stored, changed := Merge(nil, mustParse(t, assessmentIn(`{"code":"Unhealthy"}`)), t0)
	if !changed {
		t.Fatal("a new record is a change")
	}
	if want := assessmentBody(`{"code":"Unhealthy","statusChangeDate":"` + t0s + `","firstEvaluationDate":"` + t0s + `"}`); string(stored.Body) != want {
		t.Fatalf("new record body\n got %s\nwant %s", stored.Body, want)
	}
	tests := []struct {
		name    string
		status  string
		changed bool
		want    string // properties.status after the merge
	}{
		{"identical re-send", `{"code":"Unhealthy"}`, false,
			`{"code":"Unhealthy","statusChangeDate":"` + t0s + `","firstEvaluationDate":"` + t0s + `"}`},
		{"same code in other case and a new cause", `{"code":"UNHEALTHY","cause":"x"}`, false,
			`{"code":"Unhealthy","cause":"x","statusChangeDate":"` + t0s + `","firstEvaluationDate":"` + t0s + `"}`},
		{"status change", `{"code":"Healthy"}`, true,
			`{"code":"Healthy","statusChangeDate":"` + t1s + `","firstEvaluationDate":"` + t0s + `"}`},
		{"producer's dates kept", `{"code":"Healthy","firstEvaluationDate":"2020-01-01T00:00:00Z","statusChangeDate":"2021-01-01T00:00:00Z"}`, true,
			`{"code":"Healthy","firstEvaluationDate":"2020-01-01T00:00:00Z","statusChangeDate":"2021-01-01T00:00:00Z"}`},
		{"producer's first evaluation kept, change dated", `{"code":"Healthy","firstEvaluationDate":"2020-01-01T00:00:00Z"}`, true,
			`{"code":"Healthy","firstEvaluationDate":"2020-01-01T00:00:00Z","statusChangeDate":"` + t1s + `"}`},
		{"null dates are absent dates", `{"code":"Unhealthy","statusChangeDate":null,"firstEvaluationDate":null}`, false,
			`{"code":"Unhealthy","statusChangeDate":"` + t0s + `","firstEvaluationDate":"` + t0s + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := mustParse(t, assessmentIn(tt.status))
			before := string(rec.Body)
			got, changed := Merge(&stored, rec, t1)
			if changed != tt.changed {
				t.Errorf("changed = %v, want %v", changed, tt.changed)
			}
			if want := assessmentBody(tt.want); string(got.Body) != want {
				t.Errorf("body\n got %s\nwant %s", got.Body, want)
			}
			if string(rec.Body) != before {
				t.Error("Merge modified its input")
			}
		})
	}
	t.Run("identical re-send stores the same bytes", func(t *testing.T) {
		got, _ := Merge(&stored, mustParse(t, assessmentIn(`{"code":"Unhealthy"}`)), t1)
		if string(got.Body) != string(stored.Body) {
			t.Errorf("got %s\nwant %s", got.Body, stored.Body)
		}
	})
}

func TestMergeSubAssessmentDates(t *testing.T) {
	in := input("/subscriptions/S/providers/Microsoft.Security/assessments/A/subAssessments/F", "", `{"status":{"code":"Unhealthy","severity":"High"}}`)
	got, changed := Merge(nil, mustParse(t, in), t0)
	want := `"status":{"code":"Unhealthy","severity":"High","statusChangeDate":"` + t0s + `","firstEvaluationDate":"` + t0s + `"}`
	if !changed || !strings.Contains(string(got.Body), want) {
		t.Errorf("changed %v, body %s, want it to contain %s", changed, got.Body, want)
	}
}

func TestMergeState(t *testing.T) {
	alert := func(status string) []byte {
		return input("/subscriptions/S/providers/Microsoft.Security/locations/l/alerts/a", "", `{"severity":"High","status":"`+status+`"}`)
	}
	compliance := func(state string) []byte {
		return input("/subscriptions/S/providers/Microsoft.Security/regulatoryComplianceStandards/x/regulatoryComplianceControls/y/regulatoryComplianceAssessments/z", "", `{"state":"`+state+`"}`)
	}
	score := func(current string) []byte {
		return input("/subscriptions/S/providers/Microsoft.Security/secureScores/ascScore", "", `{"score":{"max":39,"current":`+current+`}}`)
	}
	control := func(current string) []byte {
		return input("/subscriptions/S/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls/c", "", `{"score":{"max":10,"current":`+current+`}}`)
	}
	tests := []struct {
		name     string
		old, cur []byte
		changed  bool
	}{
		{"alert created", nil, alert("Active"), true},
		{"alert re-sent", alert("Active"), alert("Active"), false},
		{"alert status changed", alert("Active"), alert("Dismissed"), true},
		{"compliance re-sent", compliance("Failed"), compliance("Failed"), false},
		{"compliance state changed", compliance("Failed"), compliance("Passed"), true},
		{"score created", nil, score("23.53"), true},
		{"score re-sent", score("23.53"), score("23.53"), false},
		{"score moved by 0.009", score("23.53"), score("23.539"), false},
		{"score moved by 0.01", score("23.53"), score("23.54"), true},
		{"score moved down by 0.01", score("0.3"), score("0.29"), true},
		{"score moved by 0.0099999", score("1"), score("1.0099999"), false},
		{"control moved by 0.009", control("3.33"), control("3.339"), false},
		{"control moved by 0.01", control("3.33"), control("3.34"), true},
		{"control moved by 1", control("3"), control("4"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var old *model.Record
			if tt.old != nil {
				o := mustParse(t, tt.old)
				old = &o
			}
			cur := mustParse(t, tt.cur)
			got, changed := Merge(old, cur, t0)
			if changed != tt.changed {
				t.Errorf("changed = %v, want %v", changed, tt.changed)
			}
			if string(got.Body) != string(cur.Body) {
				t.Errorf("Merge rewrote a %s body: %s", cur.Kind, got.Body)
			}
		})
	}
}

func TestMergeKindChange(t *testing.T) {
	// Records of different kinds never share a key in practice; if they did,
	// the new one is new.
	old := mustParse(t, input("/subscriptions/S/providers/Microsoft.Security/secureScores/ascScore", "", `{"score":{"current":1}}`))
	old.State = "Healthy" // what the assessment's state will be
	_, changed := Merge(&old, mustParse(t, assessmentIn(`{"code":"Healthy"}`)), t0)
	if !changed {
		t.Error("a record replacing one of another kind is a change")
	}
}
