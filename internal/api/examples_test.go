package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/security/armsecurity"
)

// comparedFields are the members of a resource that the server does not
// generate, compared with Azure's documented responses.
var comparedFields = []string{"id", "name", "type", "location", "tags", "properties"}

// sameResource compares got with want on comparedFields.
func sameResource(t *testing.T, what string, got, want []byte) {
	t.Helper()
	g := decode[map[string]json.RawMessage](t, got)
	w := decode[map[string]json.RawMessage](t, want)
	for _, f := range comparedFields {
		if w[f] == nil {
			if g[f] != nil {
				t.Errorf("%s: %s: got %s, want it absent", what, f, g[f])
			}
			continue
		}
		if g[f] == nil {
			t.Errorf("%s: %s: missing, want %s", what, f, w[f])
			continue
		}
		if cg, cw := canonical(t, g[f]), canonical(t, w[f]); cg != cw {
			t.Errorf("%s: %s:\n got %s\nwant %s", what, f, cg, cw)
		}
	}
	var etag string
	json.Unmarshal(g["etag"], &etag)
	if etag == "" {
		t.Errorf("%s: etag: missing", what)
	}
}

// exampleAPIVersion is the api-version to send an automation example with:
// its own, except for PutDisableAutomation_example.json, whose parameter says
// 2023-10-01-preview although it lives in the 2023-12-01-preview folder
// (see the examples README).
func exampleAPIVersion(t *testing.T, x example) string {
	v := x.param(t, "api-version")
	if v == "2023-10-01-preview" {
		return automationAPI
	}
	return v
}

func exampleAutomationPath(t *testing.T, x example, suffix string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations/%s%s?api-version=%s",
		x.param(t, "subscriptionId"), x.param(t, "resourceGroupName"), x.param(t, "automationName"), suffix, exampleAPIVersion(t, x))
}

func TestAutomationPutExamples(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(examplesDir, "automations", "Put*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Put examples: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			x := readExample(t, filepath.Join("automations", filepath.Base(f)))
			path := exampleAutomationPath(t, x, "")
			req := x.Parameters["Automation"]
			want200 := x.Responses["200"].Body

			// The 201 body of every Azure PUT example spells the id and type
			// .../SecurityAutomations/..., a spec-example quirk: the created
			// resource is compared with the 200 body, which has the real id
			// and type, after checking that they differ in nothing else.
			want201 := decode[map[string]json.RawMessage](t, x.Responses["201"].Body)
			w200 := decode[map[string]json.RawMessage](t, want200)
			want201["id"], want201["type"] = w200["id"], w200["type"]
			w201, _ := json.Marshal(want201)
			sameResource(t, "example 201 vs 200 (sanity)", w201, want200)

			r := e.do(http.MethodPut, path, req)
			mustStatus(t, r, http.StatusCreated)
			sameResource(t, "PUT (create)", r.Body, want200)

			r = e.do(http.MethodPut, path, req)
			mustStatus(t, r, http.StatusOK)
			sameResource(t, "PUT (update)", r.Body, want200)

			r = e.do(http.MethodGet, path, nil)
			mustStatus(t, r, http.StatusOK)
			sameResource(t, "GET", r.Body, want200)

			r = e.do(http.MethodGet, fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations?api-version=%s",
				x.param(t, "subscriptionId"), x.param(t, "resourceGroupName"), exampleAPIVersion(t, x)), nil)
			mustStatus(t, r, http.StatusOK)
			list := decode[struct {
				Value []json.RawMessage `json:"value"`
			}](t, r.Body)
			if len(list.Value) != 1 {
				t.Fatalf("list: got %d items, want 1", len(list.Value))
			}
			sameResource(t, "list", list.Value[0], want200)
		})
	}
}

// TestAutomationGetExample: the automation PutAutomation_example.json creates
// is the one GetAutomationResourceGroup_example.json shows.
func TestAutomationGetExample(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	put := readExample(t, "automations/PutAutomation_example.json")
	get := readExample(t, "automations/GetAutomationResourceGroup_example.json")
	mustStatus(t, e.do(http.MethodPut, exampleAutomationPath(t, put, ""), put.Parameters["Automation"]), http.StatusCreated)
	r := e.do(http.MethodGet, exampleAutomationPath(t, get, ""), nil)
	mustStatus(t, r, http.StatusOK)
	sameResource(t, "GET", r.Body, get.Responses["200"].Body)
}

func TestAutomationPatchExample(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	base := readExample(t, "automations/PutAutomationHighSeverityAssessments_example.json")
	x := readExample(t, "automations/PatchAutomation_example.json")
	mustStatus(t, e.do(http.MethodPut, exampleAutomationPath(t, base, ""), base.Parameters["Automation"]), http.StatusCreated)

	// The example PATCH replaces the description and the sources (dropping
	// the severity rule set) and leaves isEnabled as it was.
	r := e.do(http.MethodPatch, exampleAutomationPath(t, x, ""), x.Parameters["Automation"])
	mustStatus(t, r, http.StatusOK)
	sameResource(t, "PATCH", r.Body, x.Responses["200"].Body)
	r = e.do(http.MethodGet, exampleAutomationPath(t, x, ""), nil)
	mustStatus(t, r, http.StatusOK)
	sameResource(t, "GET after PATCH", r.Body, x.Responses["200"].Body)

	// PATCH of an automation that does not exist is a 404.
	missing := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations/nope?api-version=%s",
		x.param(t, "subscriptionId"), x.param(t, "resourceGroupName"), automationAPI)
	wantARMError(t, e.do(http.MethodPatch, missing, x.Parameters["Automation"]), http.StatusNotFound, "ResourceNotFound")
}

func TestAutomationValidateExample(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	x := readExample(t, "automations/ValidateAutomation_example.json")
	r := e.do(http.MethodPost, exampleAutomationPath(t, x, "/validate"), x.Parameters["Automation"])
	mustStatus(t, r, http.StatusOK)
	if got, want := canonical(t, r.Body), canonical(t, x.Responses["200"].Body); got != want {
		t.Errorf("validate:\n got %s\nwant %s", got, want)
	}
	// Validation stores nothing.
	wantARMError(t, e.do(http.MethodGet, exampleAutomationPath(t, x, ""), nil), http.StatusNotFound, "ResourceNotFound")
}

func TestAutomationDeleteExample(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	x := readExample(t, "automations/DeleteAutomation_example.json")
	// The example documents 204 for an automation that is not there.
	r := e.do(http.MethodDelete, exampleAutomationPath(t, x, ""), nil)
	mustStatus(t, r, http.StatusNoContent)
	if len(r.Body) != 0 {
		t.Errorf("204 with a body: %s", r.Body)
	}
}

func TestAssessmentMetadataExample(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	x := readExample(t, "assessmentMetadata/CreateAssessmentsMetadata_subscription_example.json")
	sub, name := x.param(t, "subscriptionId"), x.param(t, "assessmentMetadataName")
	path := fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Security/assessmentMetadata/%s?api-version=%s", sub, name, x.param(t, "api-version"))
	req := x.Parameters["assessmentMetadata"]

	// The example's response shows other property values than its request
	// (an example inconsistency); the server echoes what it was sent, with
	// the documented id, name and type.
	reqProps := decode[map[string]json.RawMessage](t, req)["properties"]
	want, _ := json.Marshal(map[string]any{
		"id":         "/providers/Microsoft.Security/assessmentMetadata/" + name,
		"name":       name,
		"type":       "Microsoft.Security/assessmentMetadata",
		"properties": reqProps,
	})
	wantDoc := decode[map[string]json.RawMessage](t, x.Responses["200"].Body)
	for _, f := range []string{"id", "name", "type"} {
		if canonical(t, wantDoc[f]) != canonical(t, decode[map[string]json.RawMessage](t, want)[f]) {
			t.Fatalf("test bug: %s differs from the example", f)
		}
	}

	for i := range 2 { // create, then replace: 200 both times (the API has no 201 here)
		r := e.do(http.MethodPut, path, req)
		mustStatus(t, r, http.StatusOK)
		if got := canonical(t, r.Body); got != canonical(t, want) {
			t.Errorf("PUT #%d:\n got %s\nwant %s", i+1, got, canonical(t, want))
		}
	}
	r := e.do(http.MethodGet, path, nil)
	mustStatus(t, r, http.StatusOK)
	if got := canonical(t, r.Body); got != canonical(t, want) {
		t.Errorf("GET:\n got %s\nwant %s", got, canonical(t, want))
	}
	list := e.do(http.MethodGet, fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Security/assessmentMetadata?api-version=%s", sub, assessmentAPI), nil)
	mustStatus(t, list, http.StatusOK)
	if got, w := canonical(t, list.Body), canonical(t, []byte(`{"value":[`+string(want)+`]}`)); got != w {
		t.Errorf("list:\n got %s\nwant %s", got, w)
	}
	// Another subscription sees none of it.
	other := e.do(http.MethodGet, fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Security/assessmentMetadata?api-version=%s", otherSub, assessmentAPI), nil)
	mustStatus(t, other, http.StatusOK)
	if got := canonical(t, other.Body); got != `{"value":[]}` {
		t.Errorf("list of another subscription: got %s", got)
	}

	// The SDK reads it.
	client, err := armsecurity.NewAssessmentsMetadataClient(sub, e.credential(), e.clientOptions())
	if err != nil {
		t.Fatal(err)
	}
	md, err := client.GetInSubscription(context.Background(), name, nil)
	if err != nil {
		t.Fatalf("GetInSubscription: %v", err)
	}
	if *md.ID != "/providers/Microsoft.Security/assessmentMetadata/"+name || *md.Name != name ||
		*md.Properties.DisplayName != "Install endpoint protection solution on virtual machine scale sets" ||
		*md.Properties.Severity != armsecurity.SeverityMedium || *md.Properties.AssessmentType != armsecurity.AssessmentTypeCustomerManaged ||
		len(md.Properties.Threats) != 3 || len(md.Properties.Categories) != 1 {
		t.Errorf("GetInSubscription: got %s", canonicalValue(t, md.AssessmentMetadataResponse))
	}
	pager := client.NewListBySubscriptionPager(nil)
	page, err := pager.NextPage(context.Background())
	if err != nil {
		t.Fatalf("ListBySubscription: %v", err)
	}
	if len(page.Value) != 1 || *page.Value[0].Name != name || pager.More() {
		t.Errorf("ListBySubscription: got %s", canonicalValue(t, page.Value))
	}

	// Delete: 200 as the example documents; then it is gone.
	if _, err := client.DeleteInSubscription(context.Background(), name, nil); err != nil {
		t.Fatalf("DeleteInSubscription: %v", err)
	}
	wantARMError(t, e.do(http.MethodGet, path, nil), http.StatusNotFound, "ResourceNotFound")
	_, err = client.GetInSubscription(context.Background(), name, nil)
	responseError(t, err, http.StatusNotFound, "ResourceNotFound")
	list = e.do(http.MethodGet, fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Security/assessmentMetadata?api-version=%s", sub, assessmentAPI), nil)
	if got := canonical(t, list.Body); got != `{"value":[]}` {
		t.Errorf("list after delete: got %s", got)
	}

	// Bad metadata: no displayName, and an unknown severity.
	for _, body := range []string{`{"properties":{"severity":"High","assessmentType":"CustomerManaged"}}`,
		`{"properties":{"displayName":"x","severity":"Critical","assessmentType":"CustomerManaged"}}`} {
		wantARMError(t, e.do(http.MethodPut, path, body), http.StatusBadRequest, "InvalidInput")
	}
	wantARMError(t, e.do(http.MethodGet, path, nil), http.StatusNotFound, "ResourceNotFound")
}
