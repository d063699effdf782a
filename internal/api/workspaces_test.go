package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

const workspaceAPI = "2022-10-01"

func workspacePath(sub, rg, name, version string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.OperationalInsights/workspaces/%s?api-version=%s", sub, rg, name, version)
}

type workspaceBody struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Type       string            `json:"type"`
	Location   string            `json:"location"`
	Tags       map[string]string `json:"tags"`
	Properties struct {
		CustomerID        string `json:"customerId"`
		ProvisioningState string `json:"provisioningState"`
		RetentionInDays   int    `json:"retentionInDays"`
		Sku               struct{ Name string }
		LogsIngestion     *struct {
			Endpoint, RuleID string
		} `json:"logsIngestion"`
	} `json:"properties"`
}

var guid = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// putWorkspace creates a workspace and returns its customer id.
func (e *env) putWorkspace(sub, rg, name string) string {
	e.t.Helper()
	r := e.do(http.MethodPut, workspacePath(sub, rg, name, workspaceAPI), map[string]any{"location": "westeurope", "properties": map[string]any{}})
	if r.Status != http.StatusCreated && r.Status != http.StatusOK {
		e.t.Fatalf("PUT workspace: %s", r)
	}
	return decode[workspaceBody](e.t, r.Body).Properties.CustomerID
}

// TestWorkspaceLifecycle creates, reads, updates, lists and deletes a
// workspace with Azure's own example request.
func TestWorkspaceLifecycle(t *testing.T) {
	e := newEnv(t)
	x := readExample(t, "workspaces/WorkspacesCreate.json")
	r := e.do(http.MethodPut, workspacePath(testSub, "OIAutoRest6685", "AzTest2170", workspaceAPI), []byte(x.Parameters["parameters"]))
	mustStatus(t, r, http.StatusCreated)
	ws := decode[workspaceBody](t, r.Body)
	wantID := "/subscriptions/" + testSub + "/resourcegroups/oiautorest6685/providers/microsoft.operationalinsights/workspaces/aztest2170"
	if ws.ID != wantID || ws.Name != "AzTest2170" || ws.Type != "Microsoft.OperationalInsights/workspaces" || ws.Location != "australiasoutheast" ||
		ws.Tags["tag1"] != "val1" || !guid.MatchString(ws.Properties.CustomerID) || ws.Properties.ProvisioningState != "Succeeded" ||
		ws.Properties.RetentionInDays != 30 || ws.Properties.Sku.Name != "PerGB2018" {
		t.Fatalf("created %s", r.Body)
	}
	// The 201 body has the members of Azure's example response.
	want := decode[map[string]any](t, x.Responses["201"].Body)
	got := decode[map[string]any](t, r.Body)
	for k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("response lacks %s", k)
		}
	}
	for k := range want["properties"].(map[string]any) {
		if _, ok := got["properties"].(map[string]any)[k]; !ok {
			t.Errorf("response lacks properties.%s", k)
		}
	}

	for _, v := range []string{"2022-10-01", "2023-09-01", "2025-02-01"} {
		r := e.do(http.MethodGet, workspacePath(testSub, "oiautorest6685", "aztest2170", v), nil)
		mustStatus(t, r, http.StatusOK)
		if canonical(t, r.Body) != canonicalValue(t, got) {
			t.Errorf("GET (%s) %s, want %s", v, r.Body, got)
		}
	}
	r = e.do(http.MethodPut, workspacePath(testSub, "oiautorest6685", "AzTest2170", workspaceAPI),
		map[string]any{"location": "australiasoutheast", "properties": map[string]any{"retentionInDays": 90}})
	mustStatus(t, r, http.StatusOK)
	if up := decode[workspaceBody](t, r.Body); up.Properties.CustomerID != ws.Properties.CustomerID || up.Properties.RetentionInDays != 90 {
		t.Errorf("update changed the customer id or not the retention: %s", r.Body)
	}
	r = e.do(http.MethodPatch, workspacePath(testSub, "oiautorest6685", "AzTest2170", workspaceAPI), map[string]any{"tags": map[string]string{"k": "v"}})
	mustStatus(t, r, http.StatusOK)
	if up := decode[workspaceBody](t, r.Body); up.Tags["k"] != "v" || up.Properties.RetentionInDays != 90 || up.Location != "australiasoutheast" {
		t.Errorf("PATCH: %s", r.Body)
	}

	e.putWorkspace(testSub, "other", "second-ws")
	for _, tc := range []struct {
		path string
		n    int
	}{
		{fmt.Sprintf("/subscriptions/%s/providers/Microsoft.OperationalInsights/workspaces?api-version=%s", testSub, workspaceAPI), 2},
		{fmt.Sprintf("/subscriptions/%s/resourceGroups/OIAUTOREST6685/providers/Microsoft.OperationalInsights/workspaces?api-version=%s", testSub, workspaceAPI), 1},
		{fmt.Sprintf("/subscriptions/%s/providers/Microsoft.OperationalInsights/workspaces?api-version=%s", otherSub, workspaceAPI), 0},
	} {
		r := e.do(http.MethodGet, tc.path, nil)
		mustStatus(t, r, http.StatusOK)
		if l := decode[struct{ Value []workspaceBody }](t, r.Body); len(l.Value) != tc.n {
			t.Errorf("%s lists %d, want %d", tc.path, len(l.Value), tc.n)
		}
	}

	mustStatus(t, e.do(http.MethodDelete, workspacePath(testSub, "oiautorest6685", "aztest2170", workspaceAPI), nil), http.StatusOK)
	mustStatus(t, e.do(http.MethodDelete, workspacePath(testSub, "oiautorest6685", "aztest2170", workspaceAPI), nil), http.StatusNoContent)
	wantARMError(t, e.do(http.MethodGet, workspacePath(testSub, "oiautorest6685", "aztest2170", workspaceAPI), nil), http.StatusNotFound, "ResourceNotFound")
}

func TestWorkspaceBadInput(t *testing.T) {
	e := newEnv(t)
	ok := map[string]any{"location": "westeurope"}
	tests := []struct {
		name, method, path string
		body               any
		status             int
		code               string
		contains           []string
	}{
		{"no location", "PUT", workspacePath(testSub, "rg", "ws-one", workspaceAPI), map[string]any{"properties": map[string]any{}}, 400, "LocationRequired", nil},
		{"retention too short", "PUT", workspacePath(testSub, "rg", "ws-one", workspaceAPI), map[string]any{"location": "x", "properties": map[string]any{"retentionInDays": 7}}, 400, "InvalidParameter", []string{"between 30 and 730", "7"}},
		{"retention too long", "PUT", workspacePath(testSub, "rg", "ws-one", workspaceAPI), map[string]any{"location": "x", "properties": map[string]any{"retentionInDays": 731}}, 400, "InvalidParameter", []string{"731"}},
		{"sku", "PUT", workspacePath(testSub, "rg", "ws-one", workspaceAPI), map[string]any{"location": "x", "properties": map[string]any{"sku": map[string]string{"name": "Gold"}}}, 400, "InvalidParameter", []string{"Gold"}},
		{"logs ingestion endpoint", "PUT", workspacePath(testSub, "rg", "ws-one", workspaceAPI), map[string]any{"location": "x", "properties": map[string]any{"logsIngestion": map[string]string{"endpoint": "nope", "ruleId": "dcr-1"}}}, 400, "InvalidParameter", []string{"logsIngestion", "endpoint"}},
		{"not JSON", "PUT", workspacePath(testSub, "rg", "ws-one", workspaceAPI), "{", 400, "InvalidRequestContent", nil},
		{"name", "PUT", workspacePath(testSub, "rg", "a_b", workspaceAPI), ok, 400, "InvalidWorkspaceName", []string{"a_b"}},
		{"api-version", "PUT", workspacePath(testSub, "rg", "ws-one", "2015-11-01-preview"), ok, 400, "InvalidApiVersionParameter", []string{"2022-10-01"}},
		{"no api-version", "GET", strings.TrimSuffix(workspacePath(testSub, "rg", "ws-one", ""), "?api-version="), nil, 400, "MissingApiVersionParameter", nil},
		{"subscription level", "PUT", fmt.Sprintf("/subscriptions/%s/providers/Microsoft.OperationalInsights/workspaces/ws-one?api-version=%s", testSub, workspaceAPI), ok, 400, "InvalidScope", nil},
		{"other type", "GET", fmt.Sprintf("/subscriptions/%s/resourceGroups/rg/providers/Microsoft.OperationalInsights/clusters/c?api-version=%s", testSub, workspaceAPI), nil, 404, "InvalidResourceType", nil},
		{"patch absent", "PATCH", workspacePath(testSub, "rg", "absent", workspaceAPI), ok, 404, "ResourceNotFound", nil},
		{"method", "POST", workspacePath(testSub, "rg", "ws-one", workspaceAPI), ok, 405, "MethodNotAllowed", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantARMError(t, e.do(tt.method, tt.path, tt.body), tt.status, tt.code, tt.contains...)
		})
	}
	if r := e.do(http.MethodGet, workspacePath(testSub, "rg", "ws-one", workspaceAPI), nil); r.Status != http.StatusNotFound {
		t.Errorf("a refused PUT created the workspace: %s", r)
	}
}

// workspaceAutomation is an automation exporting sources to a workspace.
func workspaceAutomation(sub, workspaceID string, sources ...any) map[string]any {
	return map[string]any{
		"location": "westeurope",
		"properties": map[string]any{
			"isEnabled": true,
			"scopes":    []any{map[string]any{"scopePath": "/subscriptions/" + sub}},
			"sources":   sources,
			"actions":   []any{map[string]any{"actionType": "Workspace", "workspaceResourceId": workspaceID}},
		},
	}
}

// TestWorkspaceActionNeedsAWorkspace: a Workspace action must name a
// workspace registered in secexport.
func TestWorkspaceActionNeedsAWorkspace(t *testing.T) {
	e := newEnv(t)
	wsID := fmt.Sprintf("/subscriptions/%s/resourceGroups/soc/providers/Microsoft.OperationalInsights/workspaces/la-ws", testSub)
	body := workspaceAutomation(testSub, wsID, map[string]any{"eventSource": "Assessments"})
	wantARMError(t, e.do(http.MethodPut, automationPath(testSub, "soc", "to-la"), body), http.StatusBadRequest, "InvalidInput",
		"properties.actions[0].workspaceResourceId", "not a workspace registered in secexport", "PUT "+wsID)
	e.putWorkspace(testSub, "soc", "la-ws")
	mustStatus(t, e.do(http.MethodPut, automationPath(testSub, "soc", "to-la"), body), http.StatusCreated)
}

// TestWorkspaceExport: an automation exporting to a workspace fills its
// tables; a record over 32 KB goes to dead letters and raises a "Data limit
// exceeded" alert that the alerts API lists.
func TestWorkspaceExport(t *testing.T) {
	e := newEnv(t)
	customerID := e.putWorkspace(testSub, "soc", "la-ws")
	wsID := fmt.Sprintf("/subscriptions/%s/resourceGroups/soc/providers/Microsoft.OperationalInsights/workspaces/la-ws", testSub)
	mustStatus(t, e.do(http.MethodPut, automationPath(testSub, "soc", "to-la"),
		workspaceAutomation(testSub, wsID, map[string]any{"eventSource": "Assessments"})), http.StatusCreated)
	e.putMetadata(testSub, "rec-1", "Recommendation one", "High")
	e.putMetadata(testSub, "rec-big", strings.Repeat("A very long recommendation name. ", 1100), "Low")
	for i := range 3 {
		mustStatus(t, e.putAssessment(vmID(testSub, "rg", fmt.Sprintf("vm%d", i)), "rec-1", "Unhealthy"), http.StatusCreated)
	}
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm0"), "rec-big", "Unhealthy"), http.StatusCreated)

	ctx := t.Context()
	waitFor(t, 10*time.Second, "3 SecurityRecommendation rows", func() bool {
		n, err := e.Engine.Workspaces.DB.Count(ctx, customerID, "SecurityRecommendation")
		return err == nil && n == 3
	})
	waitFor(t, 10*time.Second, "the dead letter", func() bool {
		r := e.do(http.MethodGet, deadLettersPath(testSub, "soc", "to-la", ""), nil)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), "data limit exceeded")
	})
	var alerts struct {
		Value []struct {
			ID         string
			Properties struct {
				AlertType, AlertDisplayName, Severity, Status, Description string
			}
		}
	}
	waitFor(t, 10*time.Second, "the Data limit exceeded alert", func() bool {
		r := e.do(http.MethodGet, fmt.Sprintf("/subscriptions/%s/resourceGroups/soc/providers/Microsoft.Security/alerts?api-version=%s", testSub, alertAPI), nil)
		alerts.Value = nil
		json.Unmarshal(r.Body, &alerts)
		return r.Status == http.StatusOK && len(alerts.Value) == 1
	})
	a := alerts.Value[0]
	if a.Properties.AlertType != "DataLimitExceeded" || a.Properties.AlertDisplayName != "Data limit has been exceeded" ||
		a.Properties.Severity != "Low" || a.Properties.Status != "Active" || !strings.Contains(a.Properties.Description, "to-la") ||
		!strings.Contains(strings.ToLower(a.ID), "/resourcegroups/soc/providers/microsoft.security/locations/westeurope/alerts/") {
		t.Errorf("alert %+v", a)
	}
	if n, _ := e.Engine.Workspaces.DB.Count(ctx, customerID, "SecurityRecommendation"); n != 3 {
		t.Errorf("%d rows after the oversized record, want 3", n)
	}
}

// TestWorkspaceExportToAzure: a workspace registered with logsIngestion
// sends its actions' rows to the Logs Ingestion API (here a loopback one)
// instead of the embedded tables; registering it again without takes them
// back, at the next batch.
func TestWorkspaceExportToAzure(t *testing.T) {
	e := newEnv(t)
	type post struct {
		path, query string
		records     []map[string]any
	}
	got := make(chan post, 16)
	azure := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p post
		p.path, p.query = r.URL.Path, r.URL.RawQuery
		json.NewDecoder(r.Body).Decode(&p.records)
		got <- p
		w.WriteHeader(http.StatusNoContent)
	}))
	defer azure.Close()
	const rule = "dcr-00112233445566778899aabbccddeeff"
	path := workspacePath(testSub, "soc", "azure-ws", workspaceAPI)
	r := e.do(http.MethodPut, path, map[string]any{"location": "westeurope",
		"properties": map[string]any{"logsIngestion": map[string]any{"endpoint": azure.URL, "ruleId": rule}}})
	mustStatus(t, r, http.StatusCreated)
	ws := decode[workspaceBody](t, r.Body)
	if ws.Properties.LogsIngestion == nil || ws.Properties.LogsIngestion.Endpoint != azure.URL || ws.Properties.LogsIngestion.RuleID != rule {
		t.Fatalf("logsIngestion not kept: %s", r.Body)
	}
	wsID := fmt.Sprintf("/subscriptions/%s/resourceGroups/soc/providers/Microsoft.OperationalInsights/workspaces/azure-ws", testSub)
	mustStatus(t, e.do(http.MethodPut, automationPath(testSub, "soc", "to-azure"),
		workspaceAutomation(testSub, wsID, map[string]any{"eventSource": "Assessments"})), http.StatusCreated)
	e.putMetadata(testSub, "rec-1", "Recommendation one", "High")
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm1"), "rec-1", "Unhealthy"), http.StatusCreated)
	select {
	case p := <-got:
		if p.path != "/dataCollectionRules/"+rule+"/streams/Custom-SecurityRecommendation" || p.query != "api-version=2023-01-01" ||
			len(p.records) != 1 || p.records[0]["RecommendationSeverity"] != "High" || p.records[0]["RecommendationState"] != "Unhealthy" {
			t.Errorf("posted %+v", p)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was posted to the Logs Ingestion API")
	}
	ctx := t.Context()
	if n, _ := e.Engine.Workspaces.DB.Count(ctx, ws.Properties.CustomerID, "SecurityRecommendation"); n != 0 {
		t.Errorf("%d rows in the embedded table of an Azure workspace", n)
	}

	mustStatus(t, e.do(http.MethodPut, path, map[string]any{"location": "westeurope"}), http.StatusOK)
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm1"), "rec-1", "Healthy"), http.StatusOK)
	waitFor(t, 10*time.Second, "the row in the embedded table", func() bool {
		n, _ := e.Engine.Workspaces.DB.Count(ctx, ws.Properties.CustomerID, "SecurityRecommendation")
		return n == 1
	})
	if len(got) != 0 {
		t.Errorf("posted to Azure after logsIngestion was removed")
	}
}
