package posture

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/secexport/secexport/internal/model"
)

const (
	sub   = "20ff7fc3-e762-44dd-bd96-b71116dcdc23"
	vmss2 = "/subscriptions/" + sub + "/resourceGroups/myRg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss2"
)

// input writes an ingest line; typ "" leaves type out.
func input(id, typ, props string) []byte {
	b := fmt.Appendf(nil, `{"id":%q`, id)
	if typ != "" {
		b = fmt.Appendf(b, `,"type":%q`, typ)
	}
	if props != "" {
		b = fmt.Appendf(b, `,"properties":%s`, props)
	}
	return append(b, '}')
}

func TestParseExamples(t *testing.T) {
	tests := []struct {
		file  string
		index int // item of a list response; -1 for a single body
		want  model.Record
	}{
		{"alerts/GetAlertSubscriptionLocation_example.json", -1, model.Record{
			Key:  "/subscriptions/" + sub + "/resourcegroups/myrg1/providers/microsoft.security/locations/westeurope/alerts/2518770965529163669_f144ee95-a3e5-42da-a279-967d115809aa",
			Kind: model.KindAlert, Subscription: sub, ResourceGroup: "myrg1", State: "Active"}},
		{"alerts/GetAlertResourceGroupLocation_example.json", -1, model.Record{
			Kind: model.KindAlert, Subscription: sub, ResourceGroup: "myrg1", State: "Active"}},
		{"assessments/GetAssessment_example.json", -1, model.Record{
			Key:  strings.ToLower(vmss2) + "/providers/microsoft.security/assessments/21300918-b2e3-0346-785f-c77ff57d243b",
			Kind: model.KindAssessment, Subscription: sub, ResourceGroup: "myrg", State: "NotApplicable"}},
		{"assessments/ListAssessments_example.json", 0, model.Record{
			Kind: model.KindAssessment, Subscription: sub, ResourceGroup: "myrg", State: "Healthy"}},
		{"subAssessments/GetSubAssessment_example.json", -1, model.Record{
			Kind: model.KindSubAssessment, Subscription: sub, ResourceGroup: "myrg", State: "Unhealthy"}},
		{"subAssessments/ListSubscriptionSubAssessments_example.json", 0, model.Record{
			Kind: model.KindSubAssessment, Subscription: sub, ResourceGroup: "myrg", State: "Unhealthy"}},
		{"regulatoryCompliance/getRegulatoryComplianceAssessment_example.json", -1, model.Record{
			Key:  "/subscriptions/" + sub + "/providers/microsoft.security/regulatorycompliancestandards/pci-dss-3.2/regulatorycompliancecontrols/1.1/regulatorycomplianceassessments/968548cb-02b3-8cd2-11f8-0cf64ab1a347",
			Kind: model.KindRegulatoryCompliance, Subscription: sub, State: "Failed"}},
		{"secureScores/GetSecureScoresSingle_example.json", -1, model.Record{
			Key:  "/subscriptions/" + sub + "/providers/microsoft.security/securescores/ascscore",
			Kind: model.KindSecureScore, Subscription: sub, State: "23.53"}},
		{"secureScores/ListSecureScoreControls_example.json", 1, model.Record{
			Key:  "/subscriptions/" + sub + "/providers/microsoft.security/securescores/ascscore/securescorecontrols/34a42fb3-e6db-409c-b56b-7b1db6b8aee0",
			Kind: model.KindSecureScoreControl, Subscription: sub, State: "10"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := example(t, tt.file)
			raw := f.body(t)
			if tt.index >= 0 {
				raw = f.values(t)[tt.index]
			}
			got, err := Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want.Key == "" {
				tt.want.Key = got.Key
			}
			if got.Key != tt.want.Key || got.Kind != tt.want.Kind || got.Subscription != tt.want.Subscription ||
				got.ResourceGroup != tt.want.ResourceGroup || got.State != tt.want.State {
				t.Errorf("got %+v\nwant %+v", recordHead(got), recordHead(tt.want))
			}
			if !json.Valid(got.Body) {
				t.Fatalf("body is not valid JSON: %s", got.Body)
			}
			// Nothing the producer sent is lost: every property survives.
			if lost := missingKeys(t, raw, got.Body); len(lost) > 0 {
				t.Errorf("properties lost: %v", lost)
			}
		})
	}
}

func recordHead(r model.Record) model.Record { r.Body = nil; return r }

// missingKeys lists the property keys of in that out lacks.
func missingKeys(t *testing.T, in, out []byte) []string {
	t.Helper()
	var a, b struct{ Properties map[string]json.RawMessage }
	if err := json.Unmarshal(in, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &b); err != nil {
		t.Fatal(err)
	}
	var lost []string
	for k := range a.Properties {
		if _, ok := b.Properties[k]; !ok {
			lost = append(lost, k)
		}
	}
	return lost
}

func TestParseBody(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"alert: name from id, type as Azure serves it, status defaults to Active, enum case canonical",
			`{"id":"/subscriptions/S/providers/Microsoft.Security/locations/westeurope/alerts/A1","name":"other","type":"microsoft.security/alerts","properties":{"severity":"high","x":{"y":[1, 2]}}}`,
			`{"id":"/subscriptions/S/providers/Microsoft.Security/locations/westeurope/alerts/A1","name":"A1","type":"Microsoft.Security/Locations/alerts","properties":{"severity":"High","x":{"y":[1,2]},"status":"Active"}}`},
		{"assessment: kind from id, resourceDetails filled, unknown members kept in order",
			`{"id":"/subscriptions/S/resourceGroups/RG/providers/P/t/n/providers/Microsoft.Security/assessments/K","properties":{"status":{"code":"unhealthy","cause":"c"},"zeta":1,"alpha":null},"etag":"e"}`,
			`{"id":"/subscriptions/S/resourceGroups/RG/providers/P/t/n/providers/Microsoft.Security/assessments/K","name":"K","type":"Microsoft.Security/assessments","properties":{"status":{"code":"Unhealthy","cause":"c"},"zeta":1,"alpha":null,"resourceDetails":{"source":"Azure","id":"/subscriptions/S/resourceGroups/RG/providers/P/t/n"}},"etag":"e"}`},
		{"assessment: resourceDetails without id gets one",
			`{"id":"/subscriptions/S/providers/Microsoft.Security/assessments/K","type":"Microsoft.Security/assessments","properties":{"resourceDetails":{"source":"OnPremise"},"status":{"code":"Healthy"}}}`,
			`{"id":"/subscriptions/S/providers/Microsoft.Security/assessments/K","name":"K","type":"Microsoft.Security/assessments","properties":{"resourceDetails":{"source":"OnPremise","id":"/subscriptions/S"},"status":{"code":"Healthy"}}}`},
		{"compliance: the long plural type is accepted, the singular one served",
			`{"id":"/subscriptions/S/providers/Microsoft.Security/regulatoryComplianceStandards/STD/regulatoryComplianceControls/1.1/regulatoryComplianceAssessments/A","type":"Microsoft.Security/regulatoryComplianceStandards/regulatoryComplianceControls/regulatoryComplianceAssessments","properties":{"state":"passed"}}`,
			`{"id":"/subscriptions/S/providers/Microsoft.Security/regulatoryComplianceStandards/STD/regulatoryComplianceControls/1.1/regulatoryComplianceAssessments/A","name":"A","type":"Microsoft.Security/regulatoryComplianceAssessment","properties":{"state":"Passed"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Body) != tt.want {
				t.Errorf("body\n got %s\nwant %s", got.Body, tt.want)
			}
		})
	}
}

func TestParseState(t *testing.T) {
	tests := []struct {
		in   []byte
		kind model.Kind
		rg   string
		want string
	}{
		{input("/subscriptions/S/resourceGroups/RG/providers/Microsoft.Security/locations/l/alerts/a", "Microsoft.Security/Locations/alerts", `{"severity":"Low","status":"inprogress"}`),
			model.KindAlert, "rg", "InProgress"},
		{input("/subscriptions/S/providers/Microsoft.Security/secureScores/ascScore", "", `{"score":{"current":0.1}}`),
			model.KindSecureScore, "", "0.1"},
		{input("/subscriptions/S/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls/C", "", `{"score":{"current":3e0}}`),
			model.KindSecureScoreControl, "", "3"},
		{input("/subscriptions/S/providers/Microsoft.Security/regulatoryComplianceStandards/x/regulatoryComplianceControls/y/regulatoryComplianceAssessments/z", "Microsoft.Security/regulatoryComplianceAssessment", `{"state":"UNSUPPORTED"}`),
			model.KindRegulatoryCompliance, "", "Unsupported"},
		{input("/subscriptions/S/resourceGroups/RG/providers/Microsoft.Security/assessments/a/subassessments/s", "", `{"status":{"code":"notapplicable"}}`),
			model.KindSubAssessment, "rg", "NotApplicable"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got.Kind != tt.kind || got.State != tt.want || got.ResourceGroup != tt.rg || got.Subscription != "s" {
			t.Errorf("%s: got kind %s state %q rg %q sub %q", tt.in, got.Kind, got.State, got.ResourceGroup, got.Subscription)
		}
	}
}

func TestParseErrors(t *testing.T) {
	const (
		assessmentID = "/subscriptions/S/providers/Microsoft.Security/assessments/A"
		alertID      = "/subscriptions/S/providers/Microsoft.Security/locations/l/alerts/a"
		complianceID = "/subscriptions/S/providers/Microsoft.Security/regulatoryComplianceStandards/x/regulatoryComplianceControls/y/regulatoryComplianceAssessments/z"
		scoreID      = "/subscriptions/S/providers/Microsoft.Security/secureScores/ascScore"
		subID        = assessmentID + "/subAssessments/s"
	)
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"truncated JSON", []byte(`{"id":`), "invalid JSON: unexpected end of input at offset 6"},
		{"trailing garbage", []byte(`{} x`), `invalid JSON at offset 3: unexpected 'x' after the top-level value`},
		{"invalid UTF-8", []byte("{\"id\":\"\xff\"}"), "invalid JSON: not valid UTF-8"},
		{"not an object", []byte(`[1]`), "record: must be a JSON object"},
		{"id missing", []byte(`{"properties":{}}`), "id: required"},
		{"id not a string", []byte(`{"id":5}`), "id: must be a string"},
		{"type not a string", []byte(`{"id":"` + assessmentID + `","type":["x"],"properties":{}}`), "type: must be a string"},
		{"unknown type", input(assessmentID, "Microsoft.Foo/bars", `{}`),
			`type: "Microsoft.Foo/bars" is not supported; supported types: ` + supportedTypes},
		{"no type, unknown id shape", input("/subscriptions/S/providers/Microsoft.Foo/bars/x", "", `{}`),
			`id: "/subscriptions/S/providers/Microsoft.Foo/bars/x" has the shape of no supported record and type is absent; supported types: ` + supportedTypes},
		{"assessment id shape", input("/subscriptions/S/providers/Microsoft.Security/assessment/A", "Microsoft.Security/assessments", `{}`),
			`id: "/subscriptions/S/providers/Microsoft.Security/assessment/A" is not a well-formed assessment id; want {resourceId}/providers/Microsoft.Security/assessments/{name}`},
		{"assessment id outside a subscription", input("/providers/Microsoft.Security/assessments/A", "Microsoft.Security/assessments", `{}`),
			`id: "/providers/Microsoft.Security/assessments/A" is not a well-formed assessment id; want {resourceId}/providers/Microsoft.Security/assessments/{name}`},
		{"assessment id with an empty segment", input("/subscriptions/S//providers/Microsoft.Security/assessments/A", "Microsoft.Security/assessments", `{}`),
			`id: "/subscriptions/S//providers/Microsoft.Security/assessments/A" is not a well-formed assessment id; want {resourceId}/providers/Microsoft.Security/assessments/{name}`},
		{"sub-assessment id shape", input(assessmentID+"/subAssessments", "Microsoft.Security/assessments/subAssessments", `{}`),
			`id: "` + assessmentID + `/subAssessments" is not a well-formed sub-assessment id; want {resourceId}/providers/Microsoft.Security/assessments/{assessmentName}/subAssessments/{name}`},
		{"alert id without location", input("/subscriptions/S/providers/Microsoft.Security/alerts/a", "Microsoft.Security/alerts", `{}`),
			`id: "/subscriptions/S/providers/Microsoft.Security/alerts/a" is not a well-formed alert id; want /subscriptions/{subscriptionId}[/resourceGroups/{resourceGroup}]/providers/Microsoft.Security/locations/{location}/alerts/{name}`},
		{"compliance id shape", input("/subscriptions/S/providers/Microsoft.Security/regulatoryComplianceStandards/x", "Microsoft.Security/regulatoryComplianceAssessment", `{}`),
			`id: "/subscriptions/S/providers/Microsoft.Security/regulatoryComplianceStandards/x" is not a well-formed regulatory compliance assessment id; want /subscriptions/{subscriptionId}/providers/Microsoft.Security/regulatoryComplianceStandards/{standard}/regulatoryComplianceControls/{control}/regulatoryComplianceAssessments/{name}`},
		{"secure score id shape", input(scoreID+"/secureScoreControls/c", "Microsoft.Security/secureScores", `{}`),
			`id: "` + scoreID + `/secureScoreControls/c" is not a well-formed secure score id; want /subscriptions/{subscriptionId}/providers/Microsoft.Security/secureScores/{name}`},
		{"properties missing", input(assessmentID, "", ""), "properties: required"},
		{"properties not an object", input(assessmentID, "", `[]`), "properties: must be an object"},
		{"status missing", input(assessmentID, "", `{}`), "properties.status: required"},
		{"status not an object", input(assessmentID, "", `{"status":"Healthy"}`), "properties.status: must be an object"},
		{"status code missing", input(assessmentID, "", `{"status":{"cause":"x"}}`), "properties.status.code: required"},
		{"status code not a string", input(assessmentID, "", `{"status":{"code":1}}`),
			"properties.status.code: must be a string, one of Healthy, Unhealthy, NotApplicable"},
		{"status code not in the enum", input(assessmentID, "", `{"status":{"code":"Broken"}}`),
			`properties.status.code: "Broken" is not one of Healthy, Unhealthy, NotApplicable`},
		{"resourceDetails not an object", input(assessmentID, "", `{"status":{"code":"Healthy"},"resourceDetails":"vm"}`),
			"properties.resourceDetails: must be an object"},
		{"sub-assessment status code", input(subID, "", `{"status":{"code":"Removed"}}`),
			`properties.status.code: "Removed" is not one of Healthy, Unhealthy, NotApplicable`},
		{"alert severity missing", input(alertID, "", `{"status":"Active"}`), "properties.severity: required"},
		{"alert severity not in the enum", input(alertID, "", `{"severity":"Critical"}`),
			`properties.severity: "Critical" is not one of High, Medium, Low, Informational`},
		{"alert status not in the enum", input(alertID, "", `{"severity":"High","status":"New"}`),
			`properties.status: "New" is not one of Active, InProgress, Dismissed, Resolved`},
		{"compliance state missing", input(complianceID, "", `{}`), "properties.state: required"},
		{"compliance state not in the enum", input(complianceID, "", `{"state":"Compliant"}`),
			`properties.state: "Compliant" is not one of Passed, Failed, Skipped, Unsupported`},
		{"score missing", input(scoreID, "", `{}`), "properties.score: required"},
		{"score current missing", input(scoreID, "", `{"score":{"max":10}}`), "properties.score.current: required"},
		{"score current not a number", input(scoreID, "", `{"score":{"current":"1.5"}}`), "properties.score.current: must be a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%s) succeeded, want %q", tt.in, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse(%s)\n got %q\nwant %q", tt.in, err, tt.want)
			}
			var fe *FieldError
			if isField := errors.As(err, &fe); isField == strings.HasPrefix(tt.want, "invalid JSON") {
				t.Errorf("FieldError = %v for %q", isField, err)
			}
		})
	}
}

func TestAssessment(t *testing.T) {
	f := example(t, "assessments/PutAssessment_example.json")
	resourceID := f.stringParam(t, "resourceId")
	name := f.stringParam(t, "assessmentName")
	got, err := Assessment(resourceID, name, f.param(t, "assessment"))
	if err != nil {
		t.Fatal(err)
	}
	id := "/" + resourceID + "/providers/Microsoft.Security/assessments/" + name
	want := model.Record{
		Key:           strings.ToLower(id),
		Kind:          model.KindAssessment,
		Subscription:  sub,
		ResourceGroup: "myrg",
		State:         "Healthy",
		Body: json.RawMessage(`{"id":"` + id + `","name":"` + name + `","type":"Microsoft.Security/assessments",` +
			`"properties":{"resourceDetails":{"source":"Azure","id":"/` + resourceID + `"},"status":{"code":"Healthy"}}}`),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	// The same PUT with a leading slash and a trailing one on the resource id.
	again, err := Assessment("/"+resourceID+"/", name, f.param(t, "assessment"))
	if err != nil || string(again.Body) != string(want.Body) {
		t.Errorf("with slashes: %v, %s", err, again.Body)
	}
}

func TestAssessmentErrors(t *testing.T) {
	tests := []struct {
		resourceID, name, body, want string
	}{
		{"providers/Microsoft.Compute/virtualMachines/vm", "a", `{"properties":{}}`,
			`resourceId: "/providers/Microsoft.Compute/virtualMachines/vm" is not a resource id under /subscriptions/{subscriptionId}`},
		{"subscriptions/S", "", `{}`, "name: required"},
		{"subscriptions/S", "a/b", `{}`, `name: "a/b" must not contain '/', '?' or '#'`},
		{"subscriptions/S", "a", `[]`, "body: must be a JSON object"},
		{"subscriptions/S", "a", `{}`, "properties: required"},
		{"subscriptions/S", "a", `{"properties":{"status":{"code":"Good"}}}`,
			`properties.status.code: "Good" is not one of Healthy, Unhealthy, NotApplicable`},
	}
	for _, tt := range tests {
		_, err := Assessment(tt.resourceID, tt.name, []byte(tt.body))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Assessment(%q, %q, %s) = %v, want %q", tt.resourceID, tt.name, tt.body, err, tt.want)
		}
	}
}
