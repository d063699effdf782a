package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/security/armsecurity"
)

// exampleBody returns the documented 200 body of an example file, with
// edits applied to its top-level members.
func exampleBody(t *testing.T, rel string, edit func(map[string]any)) string {
	t.Helper()
	x := readExample(t, rel)
	m := decode[map[string]any](t, x.Responses["200"].Body)
	if edit != nil {
		edit(m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// alertID is an alert id of the shape Azure serves, in a resource group.
func alertID(sub, rg, location, name string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/locations/%s/alerts/%s", sub, rg, location, name)
}

// alertLine is the ARM alert of GetAlertSubscriptionLocation_example.json
// under id, with name its last segment (the example's name differs from its
// id's last segment, an example inconsistency) and systemAlertId, so that
// the exported (flat) alert names it too.
func alertLine(t *testing.T, id string) string {
	t.Helper()
	return exampleBody(t, "alerts/GetAlertSubscriptionLocation_example.json", func(m map[string]any) {
		name := id[strings.LastIndexByte(id, '/')+1:]
		m["id"], m["name"] = id, name
		m["properties"].(map[string]any)["systemAlertId"] = name
	})
}

func TestIngestMixedLines(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	const sub = exampleSub
	e.putAutomation(sub, "automations", "everything", automationSpec{uri: rc.URL + "/all", sources: []any{
		source("Alerts"), source("Assessments"), source("SubAssessments"), source("RegulatoryComplianceAssessment"),
	}})

	alert := alertID(sub, "myRg1", "westeurope", "2518770965529163669_F144EE95-A3E5-42DA-A279-967D115809AA")
	subAssessment := exampleBody(t, "subAssessments/GetSubAssessment_example.json", nil)
	subAssessmentID := decode[map[string]any](t, []byte(subAssessment))["id"].(string)
	compliance := exampleBody(t, "regulatoryCompliance/getRegulatoryComplianceAssessment_example.json", nil)
	vm := vmID(sub, "myRg", "vm1")
	assessmentID := vm + "/providers/Microsoft.Security/assessments/inline-md"
	assessment := fmt.Sprintf(`{"id":%q,"type":"Microsoft.Security/assessments","properties":{"status":{"code":"Unhealthy"},`+
		`"metadata":{"displayName":"Inline","severity":"High","assessmentType":"CustomerManaged"}}}`, assessmentID)

	lines := []string{
		alertLine(t, alert), // 1
		`{"id": "/subscriptions/` + sub + `/providers", `, // 2: malformed JSON
		``,            // 3: blank, skipped
		subAssessment, // 4
		compliance,    // 5
		assessment,    // 6
		`{"id":"/subscriptions/` + sub + `/providers/Microsoft.Foo/bars/x","type":"Microsoft.Foo/bars","properties":{}}`,                                                                           // 7: unknown type
		`{"id":"` + vm + `/providers/Microsoft.Security/assessments/bad-status","type":"Microsoft.Security/assessments","properties":{"status":{"code":"Broken"},"metadata":{"displayName":"x"}}}`, // 8
		strings.Replace(alertLine(t, alertID(sub, "myRg1", "westeurope", "bad-severity")), `"severity":"High"`, `"severity":"Critical"`, 1),                                                        // 9
		`{"id":"` + assessmentID + `","deleted":true}`,                                          // 10: deletes line 6's record
		`{"id":"` + vm + `/providers/Microsoft.Security/assessments/never-was","deleted":true}`, // 11: not found
		`{"id":"relative/id","deleted":true}`,                                                   // 12
		`[1,2]`,                                                                                 // 13: not an object
		`{"id":"` + vm + `/providers/Microsoft.Security/assessments/no-metadata","type":"Microsoft.Security/assessments","properties":{"status":{"code":"Healthy"}}}`, // 14
	}
	rep := e.ingest(lines...)
	if rep.Accepted != 5 || rep.Rejected != 8 || rep.Changed != 4 || rep.Unchanged != 0 || rep.Deleted != 1 || rep.Events != 5 {
		t.Errorf("report: got %+v\nwant accepted 5, rejected 8, changed 4, unchanged 0, deleted 1, events 5", rep)
	}
	wantErrors := map[int][]string{
		2:  {"JSON"},
		7:  {"type", "Microsoft.Foo/bars"},
		8:  {"properties.status.code", "Broken"},
		9:  {"properties.severity", "Critical"},
		11: {"not found"},
		12: {"id", "relative/id"},
		13: {"object"},
		14: {"no-metadata"},
	}
	got := map[int]string{}
	for _, le := range rep.Errors {
		if _, dup := got[le.Line]; dup {
			t.Errorf("line %d reported twice", le.Line)
		}
		got[le.Line] = le.Error
	}
	for line, subs := range wantErrors {
		msg, ok := got[line]
		if !ok {
			t.Errorf("line %d: no error reported (errors %+v)", line, rep.Errors)
			continue
		}
		for _, s := range subs {
			if !strings.Contains(msg, s) {
				t.Errorf("line %d: error %q does not mention %q", line, msg, s)
			}
		}
	}
	for line := range got {
		if _, ok := wantErrors[line]; !ok {
			t.Errorf("line %d: unexpected error %q", line, got[line])
		}
	}
	for _, le := range rep.Errors {
		if le.Line == 14 && le.ID == "" {
			t.Errorf("line 14: the error does not name the record's id")
		}
	}

	// What was accepted is readable; what was deleted or rejected is not.
	r := e.do(http.MethodGet, strings.Replace(alert, "/resourceGroups/myRg1", "", 1)+"?api-version="+alertAPI, nil)
	mustStatus(t, r, http.StatusOK)
	if got := decode[map[string]any](t, r.Body)["id"]; got != alert {
		t.Errorf("alert id: got %v, want %s", got, alert)
	}
	r = e.do(http.MethodGet, subAssessmentID+"?api-version="+subAssessAPI, nil)
	mustStatus(t, r, http.StatusOK)
	if got := decode[map[string]any](t, r.Body)["type"]; got != "Microsoft.Security/assessments/subAssessments" {
		t.Errorf("sub-assessment type: got %v", got)
	}
	wantARMError(t, e.do(http.MethodGet, assessmentID+"?api-version="+assessmentAPI, nil), http.StatusNotFound, "ResourceNotFound")
	wantARMError(t, e.do(http.MethodGet, vm+"/providers/Microsoft.Security/assessments/bad-status?api-version="+assessmentAPI, nil), http.StatusNotFound, "ResourceNotFound")
	wantARMError(t, e.do(http.MethodGet, vm+"/providers/Microsoft.Security/assessments/no-metadata?api-version="+assessmentAPI, nil), http.StatusNotFound, "ResourceNotFound")
	r = e.do(http.MethodGet, "/subscriptions/"+sub+"/providers/Microsoft.Security/alerts?api-version="+alertAPI, nil)
	mustStatus(t, r, http.StatusOK)
	if n := len(decode[struct{ Value []any }](t, r.Body).Value); n != 1 {
		t.Errorf("alerts listed: got %d, want 1 (the bad-severity one must not be stored)", n)
	}

	// Each accepted change was exported once, in its shape.
	evs := rc.waitAccepted(t, "/all", 5)
	bySource := map[string][]delivery{}
	for _, d := range evs {
		src := d.Header.Get("X-Secexport-Event-Source")
		bySource[src] = append(bySource[src], d)
	}
	if n := len(bySource["Alerts"]); n != 1 {
		t.Fatalf("alert events: got %d, want 1", n)
	}
	a := bySource["Alerts"][0].json(t)
	if a["AlertDisplayName"] != "Azure Security Center test alert (not a threat)" || a["Severity"] != "High" || a["AlertType"] != "VM_EICAR" {
		t.Errorf("alert export: got %s", bySource["Alerts"][0].Body)
	}
	if n := len(bySource["SubAssessments"]); n != 1 {
		t.Fatalf("sub-assessment events: got %d, want 1", n)
	}
	if enr, _ := bySource["SubAssessments"][0].json(t)["subAssessmentEventDataEnrichment"].(map[string]any); enr["action"] != "Insert" {
		t.Errorf("sub-assessment export: got %s", bySource["SubAssessments"][0].Body)
	}
	if n := len(bySource["RegulatoryComplianceAssessment"]); n != 1 {
		t.Fatalf("compliance events: got %d, want 1", n)
	}
	c := bySource["RegulatoryComplianceAssessment"][0].json(t)
	if enr, _ := c["securityEventDataEnrichment"].(map[string]any); enr["action"] != "Write" || enr["interval"] != "00:00:00" || enr["apiVersion"] != "2019-01-01-preview" {
		t.Errorf("compliance export: got %s", bySource["RegulatoryComplianceAssessment"][0].Body)
	}
	if got := summaries(t, bySource["Assessments"]); strings.Join(got, ",") != assessmentID+" Insert Unhealthy,"+assessmentID+" Delete Unhealthy" {
		t.Errorf("assessment events: got %v", got)
	}

	// The same body again: only the assessment, deleted before, changes.
	rep = e.ingest(lines...)
	if rep.Accepted != 5 || rep.Rejected != 8 || rep.Changed != 1 || rep.Unchanged != 3 || rep.Deleted != 1 || rep.Events != 2 {
		t.Errorf("second report: got %+v\nwant accepted 5, rejected 8, changed 1, unchanged 3, deleted 1, events 2", rep)
	}
}

func TestIngestBodies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, body := range []string{"", " \n\t\n"} {
		wantARMError(t, e.do(http.MethodPost, "/ingest", body), http.StatusBadRequest, "InvalidRequestContent")
	}
	// CRLF line ends and a last line without one.
	md := `"metadata":{"displayName":"x","severity":"Low","assessmentType":"CustomerManaged"}`
	body := fmt.Sprintf(`{"id":%q,"properties":{"status":{"code":"Healthy"},%s}}`+"\r\n"+`{"id":%q,"properties":{"status":{"code":"Healthy"},%s}}`,
		vmID(testSub, "rg", "a")+"/providers/Microsoft.Security/assessments/m1", md,
		vmID(testSub, "rg", "b")+"/providers/Microsoft.Security/assessments/m1", md)
	r := e.do(http.MethodPost, "/ingest", body)
	mustStatus(t, r, http.StatusOK)
	if rep := decode[ingestReport](t, r.Body); rep.Accepted != 2 || rep.Rejected != 0 {
		t.Errorf("CRLF body: got %+v", rep)
	}
	// Only POST, and only with the token.
	wantARMError(t, e.doWith(http.MethodPost, "/ingest", body, nil), http.StatusUnauthorized, "AuthenticationFailed")
}

func TestIngestWrongMethod(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		r := e.do(m, "/ingest", nil)
		wantARMError(t, r, http.StatusMethodNotAllowed, "MethodNotAllowed")
		if allow := r.Header.Get("Allow"); allow != http.MethodPost {
			t.Errorf("%s /ingest: Allow header %q, want POST", m, allow)
		}
	}
}

// TestIngestSameRecordManyTimes: lines of one body apply in order, each
// against the state the lines before it left, even for the same record.
func TestIngestSameRecordManyTimes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withLanes(1))
	rc := newReceiver(t)
	e.putMetadata(testSub, "md", "Recommendation", "High")
	e.putAutomation(testSub, "automations", "all", automationSpec{uri: rc.URL + "/all"})
	vm := vmID(testSub, "rg", "vm")
	id := vm + "/providers/Microsoft.Security/assessments/md"
	del := fmt.Sprintf(`{"id":%q,"deleted":true}`, id)
	rep := e.ingest(
		assessmentLine(vm, "md", "Healthy"),   // new
		assessmentLine(vm, "md", "Healthy"),   // unchanged
		assessmentLine(vm, "md", "Unhealthy"), // changed
		del,                                   // deleted
		del,                                   // not found any more
		assessmentLine(vm, "md", "Unhealthy"), // new again
	)
	if rep.Accepted != 5 || rep.Rejected != 1 || rep.Changed != 3 || rep.Unchanged != 1 || rep.Deleted != 1 || rep.Events != 4 {
		t.Errorf("report: got %+v", rep)
	}
	if len(rep.Errors) != 1 || rep.Errors[0].Line != 5 {
		t.Errorf("errors: got %+v, want line 5 only", rep.Errors)
	}
	wantSequence(t, "events", rc.waitAccepted(t, "/all", 4),
		id+" Insert Healthy", id+" Insert Unhealthy", id+" Delete Unhealthy", id+" Insert Unhealthy")
}

// TestIngestLargeBody crosses the server's internal write chunk (5,000
// lines): line numbers, counts and order hold across it.
func TestIngestLargeBody(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	template := alertLine(t, alertID(testSub, "rg", "westeurope", "TEMPLATE"))
	const n = 12000
	lines := make([]string, 0, n)
	for i := range n {
		line := strings.ReplaceAll(template, "TEMPLATE", fmt.Sprintf("a%05d", i%6000))
		switch i {
		case 4999, 5000, 11999:
			line = `{"id":` // malformed
		case 7000: // the same alert as line 1001, now dismissed
			line = strings.Replace(line, `"status":"Active"`, `"status":"Dismissed"`, 1)
		}
		lines = append(lines, line)
	}
	rep := e.ingest(lines...)
	// 6,000 distinct alerts, 3 lines malformed; of the 6,000 repeats, one
	// changes status, two were the malformed ones' twins already rejected.
	if rep.Accepted != n-3 || rep.Rejected != 3 || rep.Changed != 6000+1 || rep.Unchanged != n-3-6001 {
		t.Errorf("report: got accepted %d rejected %d changed %d unchanged %d", rep.Accepted, rep.Rejected, rep.Changed, rep.Unchanged)
	}
	var bad []int
	for _, le := range rep.Errors {
		bad = append(bad, le.Line)
	}
	if fmt.Sprint(bad) != "[5000 5001 12000]" {
		t.Errorf("rejected lines: got %v, want [5000 5001 12000]", bad)
	}
	r := e.do(http.MethodGet, "/subscriptions/"+testSub+"/resourceGroups/rg/providers/Microsoft.Security/locations/westeurope/alerts/a01000?api-version="+alertAPI, nil)
	mustStatus(t, r, http.StatusOK)
	if st := decode[map[string]any](t, r.Body)["properties"].(map[string]any)["status"]; st != "Dismissed" {
		t.Errorf("a01000 status: got %v, want Dismissed", st)
	}
}

// TestIngestErrorIDAsSent: a rejected line's id is reported as the client
// sent it, whichever stage rejected it.
func TestIngestErrorIDAsSent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := vmID(testSub, "RG", "VM") + "/providers/Microsoft.Security/assessments/Never"
	rep := e.ingest(fmt.Sprintf(`{"id":%q,"deleted":true}`, id))
	if len(rep.Errors) != 1 || rep.Errors[0].ID != id {
		t.Errorf("errors: got %+v, want id %s", rep.Errors, id)
	}
}

// TestSubAssessmentsSDK reads ingested sub-assessments back through the
// SDK's SubAssessmentsClient.
func TestSubAssessmentsSDK(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	x := decode[map[string]any](t, []byte(exampleBody(t, "subAssessments/GetSubAssessment_example.json", nil)))
	exampleID := x["id"].(string)
	registry := exampleID[:strings.Index(exampleID, "/providers/Microsoft.Security/")]
	line := func(assessment, name string) string {
		x["id"] = registry + "/providers/Microsoft.Security/assessments/" + assessment + "/subAssessments/" + name
		b, _ := json.Marshal(x)
		return string(b)
	}
	if rep := e.ingest(line("a1", "s1"), line("a1", "s2"), line("a1", "s3"), line("a2", "s1")); rep.Accepted != 4 {
		t.Fatalf("ingest: %+v", rep)
	}
	client, err := armsecurity.NewSubAssessmentsClient(e.credential(), e.clientOptions())
	if err != nil {
		t.Fatal(err)
	}
	count := func(more func() bool, next func() (int, error)) int {
		n := 0
		for more() {
			k, err := next()
			if err != nil {
				t.Fatal(err)
			}
			n += k
		}
		return n
	}
	p := client.NewListPager(sdkResourceID(registry), "a1", nil)
	if n := count(p.More, func() (int, error) { r, err := p.NextPage(ctx); return len(r.Value), err }); n != 3 {
		t.Errorf("List a1: got %d, want 3", n)
	}
	all := client.NewListAllPager("subscriptions/"+exampleSub, nil)
	if n := count(all.More, func() (int, error) { r, err := all.NextPage(ctx); return len(r.Value), err }); n != 4 {
		t.Errorf("ListAll: got %d, want 4", n)
	}
	got, err := client.Get(ctx, sdkResourceID(registry), "a2", "s1", nil)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if *got.Name != "s1" || *got.Type != "Microsoft.Security/assessments/subAssessments" || *got.Properties.Status.Code != armsecurity.SubAssessmentStatusCodeUnhealthy {
		t.Errorf("Get: %s", canonicalValue(t, got.SubAssessment))
	}
	_, err = client.Get(ctx, sdkResourceID(registry), "a2", "s9", nil)
	responseError(t, err, http.StatusNotFound, "ResourceNotFound")
}
