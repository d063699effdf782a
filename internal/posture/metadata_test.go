package posture

import (
	"encoding/json"
	"testing"
)

func TestParseMetadata(t *testing.T) {
	f := example(t, "assessmentMetadata/CreateAssessmentsMetadata_subscription_example.json")
	name := f.stringParam(t, "assessmentMetadataName")
	got, err := ParseMetadata(name, f.param(t, "assessmentMetadata"))
	if err != nil {
		t.Fatal(err)
	}
	var res, req struct {
		ID, Name, Type string
		Properties     map[string]any
	}
	if err := json.Unmarshal(got, &res); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(f.param(t, "assessmentMetadata"), &req); err != nil {
		t.Fatal(err)
	}
	if res.ID != "/providers/Microsoft.Security/assessmentMetadata/"+name || res.Name != name || res.Type != "Microsoft.Security/assessmentMetadata" {
		t.Errorf("identity: %s %s %s", res.ID, res.Name, res.Type)
	}
	if len(res.Properties) != len(req.Properties) || res.Properties["displayName"] != req.Properties["displayName"] {
		t.Errorf("properties changed: %v", res.Properties)
	}

	canon, err := ParseMetadata("m", []byte(`{"properties":{"displayName":"D","severity":"high","assessmentType":"customermanaged"}}`))
	want := `{"id":"/providers/Microsoft.Security/assessmentMetadata/m","name":"m","type":"Microsoft.Security/assessmentMetadata",` +
		`"properties":{"displayName":"D","severity":"High","assessmentType":"CustomerManaged"}}`
	if err != nil || string(canon) != want {
		t.Errorf("got %s, %v\nwant %s", canon, err, want)
	}
}

func TestParseMetadataErrors(t *testing.T) {
	const ok = `"displayName":"D","severity":"High","assessmentType":"BuiltIn"`
	tests := []struct{ name, body, want string }{
		{"", `{"properties":{` + ok + `}}`, "name: required"},
		{"m", `{"properties":[]}`, "properties: must be an object"},
		{"m", `{}`, "properties: required"},
		{"m", `{"properties":{"severity":"High","assessmentType":"BuiltIn"}}`, "properties.displayName: required"},
		{"m", `{"properties":{"displayName":" ","severity":"High","assessmentType":"BuiltIn"}}`, "properties.displayName: required"},
		{"m", `{"properties":{"displayName":7,"severity":"High","assessmentType":"BuiltIn"}}`, "properties.displayName: must be a string"},
		{"m", `{"properties":{"displayName":"D","assessmentType":"BuiltIn"}}`, "properties.severity: required"},
		{"m", `{"properties":{"displayName":"D","severity":"Critical","assessmentType":"BuiltIn"}}`,
			`properties.severity: "Critical" is not one of High, Medium, Low`},
		{"m", `{"properties":{"displayName":"D","severity":"Low","assessmentType":"Custom"}}`,
			`properties.assessmentType: "Custom" is not one of BuiltIn, CustomPolicy, CustomerManaged, VerifiedPartner`},
	}
	for _, tt := range tests {
		if _, err := ParseMetadata(tt.name, []byte(tt.body)); err == nil || err.Error() != tt.want {
			t.Errorf("ParseMetadata(%q, %s) = %v, want %q", tt.name, tt.body, err, tt.want)
		}
	}
}

func TestWithMetadata(t *testing.T) {
	f := example(t, "assessmentMetadata/GetAssessmentsMetadata_subscription_example.json")
	md, err := ParseMetadata(f.stringParam(t, "assessmentMetadataName"), f.body(t))
	if err != nil {
		t.Fatal(err)
	}
	mdProps := json.RawMessage(`{"displayName":"From metadata","severity":"High","assessmentType":"BuiltIn"}`)

	plain := mustParse(t, assessmentIn(`{"code":"Healthy"}`))
	if HasMetadata(plain) || MetadataName(plain) != "a" {
		t.Fatalf("HasMetadata %v, MetadataName %q", HasMetadata(plain), MetadataName(plain))
	}

	got := WithMetadata(plain, mdProps)
	want := `{"id":"/subscriptions/S/providers/Microsoft.Security/assessments/A","name":"A","type":"Microsoft.Security/assessments",` +
		`"properties":{"resourceDetails":{"source":"Azure","id":"/subscriptions/S"},"status":{"code":"Healthy"},` +
		`"metadata":{"displayName":"From metadata","severity":"High","assessmentType":"BuiltIn"},"displayName":"From metadata"}}`
	if string(got.Body) != want || !HasMetadata(got) {
		t.Errorf("properties object as metadata\n got %s\nwant %s", got.Body, want)
	}

	// The whole resource, as ParseMetadata returns it, works as well; an
	// existing displayName stays.
	named := mustParse(t, input("/subscriptions/S/providers/Microsoft.Security/assessments/A", "", `{"displayName":"Mine","status":{"code":"Healthy"}}`))
	got = WithMetadata(named, md)
	var body struct {
		Properties struct {
			DisplayName string
			Metadata    struct{ DisplayName, Severity string }
		}
	}
	if err := json.Unmarshal(got.Body, &body); err != nil {
		t.Fatal(err)
	}
	if body.Properties.DisplayName != "Mine" || body.Properties.Metadata.Severity != "Medium" ||
		body.Properties.Metadata.DisplayName != "Install endpoint protection solution on virtual machine scale sets" {
		t.Errorf("resource as metadata: %s", got.Body)
	}

	// Metadata already there is kept; other kinds are left alone.
	if again := WithMetadata(got, mdProps); string(again.Body) != string(got.Body) {
		t.Errorf("metadata replaced: %s", again.Body)
	}
	alert := mustParse(t, input("/subscriptions/S/providers/Microsoft.Security/locations/l/alerts/a", "", `{"severity":"Low"}`))
	if out := WithMetadata(alert, mdProps); string(out.Body) != string(alert.Body) || MetadataName(alert) != "" {
		t.Errorf("alert changed: %s", out.Body)
	}
	if out := WithMetadata(plain, json.RawMessage(`"nope"`)); string(out.Body) != string(plain.Body) {
		t.Errorf("non-object metadata used: %s", out.Body)
	}
}
