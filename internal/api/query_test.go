package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/monitor/query/azlogs"
)

// queryClient is Azure's official logs query client pointed at the env's
// API, served over TLS: the client sends its token over https only.
func (e *env) queryClient() *azlogs.Client {
	e.t.Helper()
	tls := httptest.NewTLSServer(e.Server.Handler())
	e.t.Cleanup(tls.Close)
	c, err := azlogs.NewClient(e.credential(), &azlogs.ClientOptions{ClientOptions: azcore.ClientOptions{
		Cloud: cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			azlogs.ServiceName: {Endpoint: tls.URL + "/v1", Audience: "https://api.loganalytics.io"}}},
		Transport: tls.Client(),
		Retry:     policy.RetryOptions{MaxRetries: -1},
	}})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// upload writes records to a table of a workspace through the Logs
// Ingestion API.
func (e *env) upload(customerID, table string, records ...map[string]any) {
	e.t.Helper()
	r := e.do(http.MethodPost, fmt.Sprintf("/dataCollectionRules/%s/streams/Custom-%s?api-version=2023-01-01", customerID, table), records)
	mustStatus(e.t, r, http.StatusNoContent)
}

// TestQueryWithTheAzureSDK queries an embedded workspace with Azure's logs
// query client: typed values, the timespan, an empty table, errors.
func TestQueryWithTheAzureSDK(t *testing.T) {
	e := newEnv(t)
	id := e.putWorkspace(testSub, "soc", "la-ws")
	now := time.Now().UTC()
	for i, sev := range []string{"High", "High", "Low", "Medium"} {
		e.upload(id, "SecurityAlert", map[string]any{"TimeGenerated": now.Add(-time.Duration(i) * time.Hour), "AlertSeverity": sev,
			"AlertName": fmt.Sprintf("alert %d", i), "IsIncident": i == 0, "ConfidenceScore": 0.5, "ExtendedProperties": map[string]string{"Resource type": "Virtual Machine"}})
	}
	e.upload(id, "SecurityAlert", map[string]any{"TimeGenerated": now.AddDate(0, 0, -3), "AlertSeverity": "High", "AlertName": "old"})
	client := e.queryClient()
	ctx := context.Background()

	res, err := client.QueryWorkspace(ctx, id, azlogs.QueryBody{Query: to.Ptr("SecurityAlert | summarize count() by AlertSeverity | order by AlertSeverity asc")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Error != nil || len(res.Tables) != 1 || *res.Tables[0].Name != "PrimaryResult" {
		t.Fatalf("result %+v", res)
	}
	tb := res.Tables[0]
	if len(tb.Columns) != 2 || *tb.Columns[0].Name != "AlertSeverity" || *tb.Columns[0].Type != azlogs.ColumnTypeString ||
		*tb.Columns[1].Name != "count_" || *tb.Columns[1].Type != azlogs.ColumnTypeLong {
		t.Fatalf("columns %s", columnsOf(tb))
	}
	got := fmt.Sprint(tb.Rows)
	if got != "[[High 3] [Low 1] [Medium 1]]" {
		t.Errorf("rows %s", got)
	}
	if _, ok := tb.Rows[0][1].(float64); !ok {
		t.Errorf("a long arrives as %T, want a JSON number", tb.Rows[0][1])
	}

	// The timespan keeps the last 12 hours.
	res, err = client.QueryWorkspace(ctx, id, azlogs.QueryBody{Query: to.Ptr("SecurityAlert | count"), Timespan: to.Ptr(azlogs.TimeInterval("PT12H"))}, nil)
	if err != nil || fmt.Sprint(res.Tables[0].Rows) != "[[4]]" {
		t.Errorf("PT12H: %v %v", rowsOf(res), err)
	}
	span := azlogs.NewTimeInterval(now.AddDate(0, 0, -4), now.AddDate(0, 0, -2))
	res, err = client.QueryWorkspace(ctx, id, azlogs.QueryBody{Query: to.Ptr("SecurityAlert | project AlertName"), Timespan: &span}, nil)
	if err != nil || fmt.Sprint(res.Tables[0].Rows) != "[[old]]" {
		t.Errorf("start/end: %v %v", rowsOf(res), err)
	}

	// Typed cells: bool, real, datetime text, dynamic as JSON text.
	res, err = client.QueryWorkspace(ctx, id, azlogs.QueryBody{Query: to.Ptr(
		`SecurityAlert | where IsIncident == true | project IsIncident, ConfidenceScore, TimeGenerated, RT = tostring(parse_json(ExtendedProperties)["Resource type"]), P = parse_json(ExtendedProperties)`)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	row := res.Tables[0].Rows[0]
	if row[0] != true || row[1] != 0.5 || row[3] != "Virtual Machine" {
		t.Errorf("typed row %#v", row)
	}
	if ts, ok := row[2].(string); !ok || !strings.HasSuffix(ts, "Z") {
		t.Errorf("datetime cell %#v", row[2])
	} else if parsed, err := time.Parse(time.RFC3339Nano, ts); err != nil || parsed.Sub(now).Abs() > time.Millisecond {
		t.Errorf("datetime %s, want %s", ts, now)
	}
	if p, ok := row[4].(string); !ok || !json.Valid([]byte(p)) || !strings.Contains(p, "Virtual Machine") {
		t.Errorf("dynamic cell %#v", row[4])
	}

	// A table with no rows answers with its columns, without the hidden ones.
	res, err = client.QueryWorkspace(ctx, id, azlogs.QueryBody{Query: to.Ptr("SecurityNestedRecommendation | take 5")}, nil)
	if err != nil || len(res.Tables[0].Rows) != 0 || len(res.Tables[0].Columns) < 20 {
		t.Errorf("empty table: %v, %s", err, columnsOf(res.Tables[0]))
	} else if cols := columnsOf(res.Tables[0]); strings.Contains(cols, "_ResourceId") || strings.Contains(cols, "_SubscriptionId") ||
		strings.Contains(cols, "_IsBillable") || strings.Contains(cols, "_BilledSize") {
		t.Errorf("a bare table answers with hidden columns: %s", cols)
	}

	// A query Log Analytics refuses is a BadArgumentError naming the problem and where.
	var raw *http.Response
	_, err = client.QueryWorkspace(policy.WithCaptureResponse(ctx, &raw), id, azlogs.QueryBody{Query: to.Ptr("SecurityAlert | where NoSuchColumn == 1")}, nil)
	responseError(t, err, http.StatusBadRequest, "BadArgumentError")
	// The SDK keeps the body; read the innermost error from the raw answer.
	r := e.do(http.MethodPost, "/v1/workspaces/"+id+"/query", map[string]string{"query": "SecurityAlert | where NoSuchColumn == 1"})
	var body struct {
		Error struct {
			Code       string
			InnerError struct {
				Code       string
				InnerError struct {
					Code, Message string
					Line, Pos     int
				}
			}
		}
	}
	json.Unmarshal(r.Body, &body)
	in := body.Error.InnerError.InnerError
	if r.Status != 400 || body.Error.Code != "BadArgumentError" || in.Code == "" || !strings.Contains(in.Message, "NoSuchColumn") || in.Line != 1 || in.Pos != 23 {
		t.Errorf("error body %s", r.Body)
	}
}

func TestQueryAPIErrors(t *testing.T) {
	e := newEnv(t)
	id := e.putWorkspace(testSub, "soc", "la-ws")
	path := "/v1/workspaces/" + id + "/query"
	laError := func(r response, status int, code string) {
		t.Helper()
		var b struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal(r.Body, &b); err != nil || r.Status != status || b.Error.Code != code || b.Error.Message == "" {
			t.Errorf("got %s, want %d %s", r, status, code)
		}
	}
	laError(e.do(http.MethodPost, "/v1/workspaces/00000000-0000-4000-8000-000000000000/query", map[string]string{"query": "SecurityAlert"}), 404, "WorkspaceNotFoundError")
	laError(e.do(http.MethodPost, "/v1/workspaces/not-a-guid/query", map[string]string{"query": "SecurityAlert"}), 404, "WorkspaceNotFoundError")
	laError(e.do(http.MethodPost, path, map[string]string{}), 400, "BadArgumentError")
	laError(e.do(http.MethodPost, path, "{"), 400, "BadArgumentError")
	laError(e.do(http.MethodPost, path, map[string]string{"query": "SecurityAlert", "timespan": "12 hours"}), 400, "BadArgumentError")
	laError(e.do(http.MethodPost, path, map[string]any{"query": "SecurityAlert", "workspaces": []string{"x"}}), 400, "BadArgumentError")
	laError(e.do(http.MethodPost, path, map[string]string{"query": "SecurityAlert | frobnicate"}), 400, "BadArgumentError")
	laError(e.do(http.MethodDelete, path, nil), 405, "MethodNotAllowed")
	r := e.doWith(http.MethodPost, path, map[string]string{"query": "SecurityAlert"}, nil)
	mustStatus(t, r, http.StatusUnauthorized)

	// GET with ?query= answers like POST.
	r = e.do(http.MethodGet, path+"?query="+url.QueryEscape("SecurityAlert | count")+"&timespan=P1D", nil)
	mustStatus(t, r, http.StatusOK)
	if canonical(t, r.Body) != `{"tables":[{"columns":[{"name":"Count","type":"long"}],"name":"PrimaryResult","rows":[[0]]}]}` {
		t.Errorf("GET: %s", r.Body)
	}
}

// TestQueryAnswerShape: the answer has the members of Azure's own example
// answer, at every level.
func TestQueryAnswerShape(t *testing.T) {
	e := newEnv(t)
	id := e.putWorkspace(testSub, "soc", "la-ws")
	e.upload(id, "SecurityAlert", map[string]any{"AlertSeverity": "High"})
	x := readExample(t, "logsQuery/oms-post-example.json")
	r := e.do(http.MethodPost, "/v1/workspaces/"+id+"/query", map[string]string{"query": "SecurityAlert | take 10", "timespan": "PT12H"})
	mustStatus(t, r, http.StatusOK)
	want := keysOf(t, x.Responses["200"].Body)
	if got := keysOf(t, r.Body); got != want {
		t.Errorf("answer's members %s, want %s", got, want)
	}
}

// keysOf lists the member names of a query answer, level by level.
func keysOf(t *testing.T, b []byte) string {
	var v struct {
		Tables []map[string]json.RawMessage
	}
	var top map[string]json.RawMessage
	json.Unmarshal(b, &top)
	json.Unmarshal(b, &v)
	var out []string
	for k := range top {
		out = append(out, k)
	}
	for k := range v.Tables[0] {
		out = append(out, "tables[]."+k)
	}
	var cols []map[string]any
	json.Unmarshal(v.Tables[0]["columns"], &cols)
	for k := range cols[0] {
		out = append(out, "columns[]."+k)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

func columnsOf(t azlogs.Table) string {
	var s []string
	for _, c := range t.Columns {
		s = append(s, *c.Name+":"+string(*c.Type))
	}
	return strings.Join(s, ",")
}

func rowsOf(r azlogs.QueryWorkspaceResponse) any {
	if len(r.Tables) == 0 {
		return nil
	}
	return r.Tables[0].Rows
}
