package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// edited returns the JSON of a test automation body after edit.
func edited(sub string, spec automationSpec, edit func(m map[string]any)) string {
	m := spec.body(sub)
	if edit != nil {
		edit(m)
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func props(m map[string]any) map[string]any { return m["properties"].(map[string]any) }

func firstAction(m map[string]any) map[string]any {
	return props(m)["actions"].([]any)[0].(map[string]any)
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const rg = "rg"
	spec := automationSpec{uri: "https://logic.example/trigger?sig=" + secretSig}
	good := automationPath(testSub, rg, "good")
	fresh := automationPath(testSub, rg, "fresh")
	e.putAutomation(testSub, rg, "good", spec)
	snapshot := func() []string {
		var out []string
		if r := e.do(http.MethodGet, fresh, nil); r.Status != http.StatusNotFound {
			out = append(out, "fresh exists: "+r.String())
		}
		for _, p := range []string{good, automationsListPath(testSub, ""), automationsListPath(testSub, rg)} {
			r := e.do(http.MethodGet, p, nil)
			mustStatus(t, r, http.StatusOK)
			out = append(out, string(r.Body))
		}
		return out
	}
	before := snapshot()
	auth := map[string]string{"Authorization": "Bearer " + testToken}
	noAPI := strings.Split(good, "?")[0]
	valid := edited(testSub, spec, func(m map[string]any) { props(m)["description"] = "changed" })
	rules := func(r map[string]string) string {
		return edited(testSub, spec, func(m map[string]any) {
			props(m)["sources"] = []any{source("Assessments", []map[string]string{r})}
		})
	}

	tests := []struct {
		name     string
		method   string
		path     string
		body     string
		headers  map[string]string
		status   int
		code     string
		contains []string
	}{
		{"no token", http.MethodPut, fresh, valid, map[string]string{}, 401, "AuthenticationFailed", nil},
		{"wrong token", http.MethodPut, good, valid, map[string]string{"Authorization": "Bearer not-the-token"}, 401, "InvalidAuthenticationToken", nil},
		{"basic auth", http.MethodPut, good, valid, map[string]string{"Authorization": "Basic dGVzdDp0ZXN0"}, 401, "AuthenticationFailed", nil},
		{"no token on delete", http.MethodDelete, good, "", map[string]string{}, 401, "AuthenticationFailed", nil},
		{"missing api-version", http.MethodPut, strings.Split(fresh, "?")[0], valid, auth, 400, "MissingApiVersionParameter", []string{"api-version"}},
		{"unknown api-version", http.MethodPut, noAPI + "?api-version=2099-01-01", valid, auth, 400, "InvalidApiVersionParameter", []string{"2099-01-01", automationAPI}},
		{"assessment api-version on automations", http.MethodDelete, noAPI + "?api-version=" + assessmentAPI, "", auth, 400, "InvalidApiVersionParameter", nil},
		{"malformed JSON", http.MethodPut, fresh, `{"location": "westeurope", "properties": {`, auth, 400, "InvalidInput", []string{"malformed JSON"}},
		{"wrong JSON type", http.MethodPut, good, `{"location":"westeurope","properties":{"isEnabled":"yes"}}`, auth, 400, "InvalidInput", []string{"properties.isEnabled"}},
		{"empty body", http.MethodPut, good, "", auth, 400, "InvalidInput", nil},
		{"no location", http.MethodPut, good, edited(testSub, spec, func(m map[string]any) { delete(m, "location") }), auth, 400, "InvalidInput", []string{"location"}},
		{"unknown eventSource", http.MethodPut, fresh, edited(testSub, spec, func(m map[string]any) {
			props(m)["sources"] = []any{map[string]any{"eventSource": "Telemetry"}}
		}), auth, 400, "InvalidInput", []string{"properties.sources[0].eventSource", "Telemetry"}},
		{"no sources", http.MethodPut, good, edited(testSub, spec, func(m map[string]any) { props(m)["sources"] = []any{} }), auth, 400, "InvalidInput", []string{"properties.sources"}},
		{"bad operator", http.MethodPut, fresh, rules(rule("properties.metadata.severity", "String", "Between", "High")), auth, 400, "InvalidInput",
			[]string{"properties.sources[0].ruleSets[0].rules[0].operator", "Between"}},
		{"operator not for type", http.MethodPut, good, rules(rule("properties.metadata.severity", "Boolean", "GreaterThan", "true")), auth, 400, "InvalidInput",
			[]string{"properties.sources[0].ruleSets[0].rules[0]"}},
		{"bad propertyType", http.MethodPut, good, rules(rule("properties.metadata.severity", "Date", "Equals", "High")), auth, 400, "InvalidInput",
			[]string{"propertyType", "Date"}},
		{"bad expectedValue", http.MethodPut, good, rules(rule("properties.score", "Integer", "Equals", "seven")), auth, 400, "InvalidInput",
			[]string{"expectedValue", "seven"}},
		{"empty propertyJPath", http.MethodPut, good, rules(rule("", "String", "Equals", "x")), auth, 400, "InvalidInput", []string{"propertyJPath"}},
		{"scope in another subscription", http.MethodPut, good, edited(testSub, automationSpec{uri: spec.uri, scope: "/subscriptions/" + otherSub}, nil), auth, 400, "InvalidInput",
			[]string{"properties.scopes[0].scopePath", otherSub}},
		{"scope not a scope", http.MethodPut, good, edited(testSub, automationSpec{uri: spec.uri, scope: "/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm"}, nil), auth, 400, "InvalidInput",
			[]string{"properties.scopes[0].scopePath"}},
		{"no scopes", http.MethodPut, good, edited(testSub, spec, func(m map[string]any) { props(m)["scopes"] = []any{} }), auth, 400, "InvalidInput", []string{"properties.scopes"}},
		// Without a uri, a PUT of an existing automation keeps the stored one
		// (GET-modify-PUT): the error is for a new automation, or for an
		// action that points at another Logic App.
		{"LogicApp without uri", http.MethodPut, fresh, edited(testSub, spec, func(m map[string]any) { delete(firstAction(m), "uri") }), auth, 400, "InvalidInput",
			[]string{"properties.actions[0].uri"}},
		{"other LogicApp without uri", http.MethodPut, good, edited(testSub, spec, func(m map[string]any) {
			delete(firstAction(m), "uri")
			firstAction(m)["logicAppResourceId"] = "/subscriptions/" + testSub + "/resourceGroups/logic/providers/Microsoft.Logic/workflows/another"
		}), auth, 400, "InvalidInput", []string{"properties.actions[0].uri"}},
		{"LogicApp uri not http", http.MethodPut, good, edited(testSub, spec, func(m map[string]any) { firstAction(m)["uri"] = "ftp://logic.example/" + secretSig }), auth, 400, "InvalidInput",
			[]string{"properties.actions[0].uri"}},
		{"unknown actionType", http.MethodPut, good, edited(testSub, spec, func(m map[string]any) { firstAction(m)["actionType"] = "Email" }), auth, 400, "InvalidInput",
			[]string{"properties.actions[0].actionType", "Email"}},
		{"workspace not registered", http.MethodPut, good, edited(testSub, spec, func(m map[string]any) {
			props(m)["actions"] = []any{map[string]any{"actionType": "Workspace", "workspaceResourceId": "/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws"}}
		}), auth, 400, "InvalidInput", []string{"properties.actions[0].workspaceResourceId", "not a workspace registered"}},
		{"no actions", http.MethodPut, good, edited(testSub, spec, func(m map[string]any) { props(m)["actions"] = []any{} }), auth, 400, "InvalidInput", []string{"properties.actions"}},
		{"automation at subscription scope", http.MethodPut, "/subscriptions/" + testSub + "/providers/Microsoft.Security/automations/good?api-version=" + automationAPI, valid, auth, 400, "InvalidScope", nil},
		{"invalid name", http.MethodPut, automationPath(testSub, rg, "bad*name"), valid, auth, 400, "InvalidResourceName", nil},
		{"If-Match mismatch", http.MethodPut, good, valid, map[string]string{"Authorization": "Bearer " + testToken, "If-Match": `"not-the-etag"`}, 412, "PreconditionFailed", nil},
		{"PATCH malformed", http.MethodPatch, good, `{"properties": [`, auth, 400, "InvalidRequestContent", nil},
		{"PATCH invalid", http.MethodPatch, good, `{"properties":{"sources":[{"eventSource":"Telemetry"}]}}`, auth, 400, "InvalidInput", []string{"properties.sources[0].eventSource"}},
		{"unknown resource type", http.MethodGet, "/subscriptions/" + testSub + "/providers/Microsoft.Security/fooBars?api-version=" + automationAPI, "", auth, 404, "InvalidResourceType", []string{"fooBars"}},
		{"unknown resource type PUT", http.MethodPut, "/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.Security/securityWidgets/w?api-version=" + automationAPI, valid, auth, 404, "InvalidResourceType", nil},
		{"no provider", http.MethodGet, "/subscriptions/" + testSub + "?api-version=" + automationAPI, "", auth, 404, "NotFound", nil},
		{"unknown sub-resource", http.MethodGet, noAPI + "/whatever?api-version=" + automationAPI, "", auth, 404, "NotFound", nil},
		{"POST on an automation", http.MethodPost, good, valid, auth, 405, "MethodNotAllowed", nil},
		{"DELETE on the list", http.MethodDelete, automationsListPath(testSub, rg), "", auth, 405, "MethodNotAllowed", nil},
		{"PUT on validate", http.MethodPut, noAPI + "/validate?api-version=" + automationAPI, valid, auth, 405, "MethodNotAllowed", nil},
		{"bad $top", http.MethodGet, automationsListPath(testSub, rg) + "&$top=0", "", auth, 400, "InvalidParameter", nil},
		{"metrics without token", http.MethodGet, "/metrics", "", map[string]string{}, 401, "AuthenticationFailed", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body any
			if tt.body != "" {
				body = tt.body
			}
			r := e.doWith(tt.method, tt.path, body, tt.headers)
			msg := wantARMError(t, r, tt.status, tt.code, tt.contains...)
			if strings.Contains(msg, secretSig) {
				t.Errorf("the error message echoes a secret: %q", msg)
			}
			if tt.status == http.StatusUnauthorized && !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without a Bearer WWW-Authenticate challenge: %q", r.Header.Get("WWW-Authenticate"))
			}
			if after := snapshot(); strings.Join(after, "\n") != strings.Join(before, "\n") {
				t.Errorf("the request changed the automations:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	wantARMError(t, e.do(http.MethodGet, automationPath(testSub, rg, "bad*name"), nil), http.StatusBadRequest, "InvalidResourceName")

	// A valid change is still accepted afterwards.
	mustStatus(t, e.do(http.MethodPut, good, valid), http.StatusOK)
}

func TestBadInputOversizedBody(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withMaxBody(2048))
	const rg = "rg"
	spec := automationSpec{uri: "https://logic.example/trigger"}
	good := automationPath(testSub, rg, "good")
	e.putAutomation(testSub, rg, "good", spec)
	before := e.do(http.MethodGet, good, nil)
	big := edited(testSub, spec, func(m map[string]any) { props(m)["description"] = strings.Repeat("x", 4096) })
	for _, target := range []string{good, automationPath(testSub, rg, "new-one")} {
		wantARMError(t, e.do(http.MethodPut, target, big), http.StatusRequestEntityTooLarge, "RequestEntityTooLarge", "2048")
	}
	wantARMError(t, e.do(http.MethodPatch, good, big), http.StatusRequestEntityTooLarge, "RequestEntityTooLarge")
	wantARMError(t, e.do(http.MethodPost, strings.Replace(good, "/good?", "/good/validate?", 1), big), http.StatusRequestEntityTooLarge, "RequestEntityTooLarge")
	wantARMError(t, e.do(http.MethodPut, assessmentPath(vmID(testSub, "rg", "vm"), "x"), `{"properties":{"status":{"code":"Healthy"},"x":"`+strings.Repeat("y", 4096)+`"}}`),
		http.StatusRequestEntityTooLarge, "RequestEntityTooLarge")
	after := e.do(http.MethodGet, good, nil)
	if string(after.Body) != string(before.Body) {
		t.Errorf("an oversized PUT changed the automation:\nbefore %s\nafter  %s", before.Body, after.Body)
	}
	wantARMError(t, e.do(http.MethodGet, automationPath(testSub, rg, "new-one"), nil), http.StatusNotFound, "ResourceNotFound")
	// A body just under the limit is fine.
	mustStatus(t, e.do(http.MethodPut, good, edited(testSub, spec, func(m map[string]any) { props(m)["description"] = strings.Repeat("x", 1024) })), http.StatusOK)
}

func TestBadInputAssessments(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.putMetadata(testSub, "md", "Recommendation", "High")
	vm := vmID(testSub, "rg", "vm")
	mustStatus(t, e.putAssessment(vm, "md", "Healthy"), http.StatusCreated)
	path := assessmentPath(vm, "md")
	before := e.do(http.MethodGet, path, nil)
	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
		contains                 []string
	}{
		{"malformed JSON", http.MethodPut, path, `{"properties":`, 400, "InvalidInput", nil},
		{"unknown status code", http.MethodPut, path, `{"properties":{"status":{"code":"Broken"}}}`, 400, "InvalidInput", []string{"properties.status.code", "Broken"}},
		{"no status", http.MethodPut, path, `{"properties":{}}`, 400, "InvalidInput", []string{"properties.status"}},
		{"missing api-version", http.MethodPut, strings.Split(path, "?")[0], `{"properties":{"status":{"code":"Unhealthy"}}}`, 400, "MissingApiVersionParameter", nil},
		{"automation api-version", http.MethodPut, strings.Split(path, "?")[0] + "?api-version=" + automationAPI, `{"properties":{"status":{"code":"Unhealthy"}}}`, 400, "InvalidApiVersionParameter", nil},
		{"PATCH", http.MethodPatch, path, `{"properties":{"status":{"code":"Unhealthy"}}}`, 405, "MethodNotAllowed", nil},
		{"not under a subscription", http.MethodPut, "/providers/Microsoft.Security/assessments/md?api-version=" + assessmentAPI, `{"properties":{"status":{"code":"Unhealthy"}}}`, 400, "InvalidScope", nil},
		{"metadata at resource group", http.MethodPut, "/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.Security/assessmentMetadata/md?api-version=" + assessmentAPI,
			`{"properties":{"displayName":"x","severity":"High","assessmentType":"CustomerManaged"}}`, 400, "InvalidScope", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantARMError(t, e.do(tt.method, tt.path, tt.body), tt.status, tt.code, tt.contains...)
			if after := e.do(http.MethodGet, path, nil); string(after.Body) != string(before.Body) {
				t.Errorf("the assessment changed:\nbefore %s\nafter  %s", before.Body, after.Body)
			}
		})
	}
}

// TestMethodNotAllowedHasAllow: RFC 9110 section 15.5.6 requires a 405
// response to carry an Allow header listing the methods the resource supports.
func TestMethodNotAllowedHasAllow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct{ method, path, allow string }{
		{http.MethodPost, automationPath(testSub, "rg", "a"), "GET, PUT, PATCH, DELETE"},
		{http.MethodDelete, automationsListPath(testSub, "rg"), "GET"},
		{http.MethodGet, strings.Replace(automationPath(testSub, "rg", "a"), "/a?", "/a/validate?", 1), "POST"},
	}
	for _, tt := range tests {
		r := e.do(tt.method, tt.path, nil)
		wantARMError(t, r, http.StatusMethodNotAllowed, "MethodNotAllowed")
		if got := r.Header.Get("Allow"); got != tt.allow {
			t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, got, tt.allow)
		}
	}
}
