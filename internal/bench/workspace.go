package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/engine"
)

// The workspace the -workspace run creates and exports to.
const (
	benchWorkspaceRG   = "bench"
	benchWorkspaceName = "bench-ws"
	workspaceAPI       = "2022-10-01"
	// DefaultAlerts is how many synthetic SecurityAlert rows the query
	// measurement loads (issue 4: 1,000,000).
	DefaultAlerts = 1_000_000
	// QueryRuns is how many times each query is timed.
	QueryRuns = 5
)

// IssueQueries are the four queries of issue 4's storage measurement,
// written to match LoadSyntheticAlerts' data: alert name 7 of 20 contains
// "brute", and one resource in five is a "Virtual Machine".
var IssueQueries = []string{
	`SecurityAlert | summarize count() by bin(TimeGenerated, 1h), AlertSeverity`,
	`SecurityAlert | where AlertSeverity in ("High", "Medium") | summarize dcount(ResourceId)`,
	`SecurityAlert | where AlertName contains "brute" | count`,
	`SecurityAlert | where tostring(parse_json(ExtendedProperties)["Resource type"]) == "Virtual Machine" | count`,
}

// HuntingQuery is issue 5's hunting query, timed end to end by a -workspace
// run: ten operators (eight in the pipeline and two in the join's right
// side), with an mv-expand of each alert's entities and an inner join. It
// finds the hosts named in the last week's high and medium alerts that brute
// force alerts name as compromised. Over LoadSyntheticAlerts' data every
// alert names one of 1,009 hosts, and every host has alerts of every kind.
const HuntingQuery = `SecurityAlert
| where TimeGenerated > ago(7d) and AlertSeverity in ("High", "Medium")
| extend Entity = todynamic(Entities)
| mv-expand Entity
| extend EntityType = tostring(Entity.Type), Host = tostring(Entity.HostName)
| where EntityType == "host"
| join kind=inner (SecurityAlert | where AlertName contains "brute" | summarize BruteForceAlerts = count(), LastBruteForce = max(TimeGenerated) by Host = CompromisedEntity) on Host
| summarize Alerts = count(), AlertTypes = dcount(AlertName), BruteForceAlerts = max(BruteForceAlerts), LastBruteForce = max(LastBruteForce) by Host
| top 10 by Alerts desc`

// HuntingRuns is how many times HuntingQuery is timed.
const HuntingRuns = 11

// WorkspaceResult is what a -workspace run measured beyond ingest.
type WorkspaceResult struct {
	CustomerID string
	// Queryable is first send to the moment `SecurityRecommendation | count`
	// first answered Records (polled every 100 ms).
	Queryable time.Duration
	// AfterIngest is last acknowledgement to that moment.
	AfterIngest time.Duration
	Rows        int64 // rows counted at the end
	// Alerts synthetic SecurityAlert rows were loaded in AlertsLoad.
	Alerts     int
	AlertsLoad time.Duration
	Queries    []QueryTiming
	Hunting    QueryTiming // HuntingQuery
}

// RowsRate is rows written to the workspace per second, first send to all
// rows queryable.
func (w WorkspaceResult) RowsRate() float64 { return float64(w.Rows) / w.Queryable.Seconds() }

// QueryTiming is one query's runs through the query API.
type QueryTiming struct {
	Query            string
	Runs             []time.Duration
	Median, P90, Max time.Duration
	// CPU is the median of the process's CPU time a run (every thread:
	// DuckDB's, the API server's and client's), which the other work on a
	// shared machine moves less than the time.
	CPU   time.Duration
	Rows  int    // rows in the answer
	First string // the answer's first row, as JSON
}

// wsClient talks to the bench's API server.
type wsClient struct {
	c     *http.Client
	base  string
	token string
}

func (w wsClient) do(ctx context.Context, method, path, body string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, method, w.base+path, strings.NewReader(body))
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Authorization", "Bearer "+w.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := w.c.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return b, resp.StatusCode, err
}

// createWorkspace creates the bench's workspace through the ARM API and
// returns its resource id and customerId.
func (w wsClient) createWorkspace(ctx context.Context) (resourceID, customerID string, err error) {
	path := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.OperationalInsights/workspaces/%s?api-version=%s",
		sub(0), benchWorkspaceRG, benchWorkspaceName, workspaceAPI)
	b, status, err := w.do(ctx, http.MethodPut, path, `{"location":"westeurope"}`)
	if err != nil {
		return "", "", err
	}
	if status != http.StatusCreated && status != http.StatusOK {
		return "", "", fmt.Errorf("create workspace: HTTP %d: %s", status, b)
	}
	var ws struct {
		ID         string `json:"id"`
		Properties struct {
			CustomerID string `json:"customerId"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(b, &ws); err != nil || ws.ID == "" || ws.Properties.CustomerID == "" {
		return "", "", fmt.Errorf("create workspace: unexpected answer %s", b)
	}
	return ws.ID, ws.Properties.CustomerID, nil
}

// answer is the query API's answer, enough of it to read.
type answer struct {
	Tables []struct {
		Rows []json.RawMessage `json:"rows"`
	} `json:"tables"`
}

// query runs kql through the query API and returns its answer.
func (w wsClient) query(ctx context.Context, customerID, kql, timespan string) (answer, error) {
	body, _ := json.Marshal(map[string]string{"query": kql, "timespan": timespan})
	b, status, err := w.do(ctx, http.MethodPost, "/v1/workspaces/"+customerID+"/query", string(body))
	if err != nil {
		return answer{}, err
	}
	if status != http.StatusOK {
		return answer{}, fmt.Errorf("query %s: HTTP %d: %s", kql, status, b)
	}
	var a answer
	if err := json.Unmarshal(b, &a); err != nil || len(a.Tables) == 0 {
		return answer{}, fmt.Errorf("query %s: unexpected answer %.300s", kql, b)
	}
	return a, nil
}

// count runs a `| count` query and returns the count.
func (w wsClient) count(ctx context.Context, customerID, kql, timespan string) (int64, error) {
	a, err := w.query(ctx, customerID, kql, timespan)
	if err != nil {
		return 0, err
	}
	if len(a.Tables[0].Rows) != 1 {
		return 0, fmt.Errorf("query %s: %d rows, want 1", kql, len(a.Tables[0].Rows))
	}
	var row []int64
	if err := json.Unmarshal(a.Tables[0].Rows[0], &row); err != nil || len(row) != 1 {
		return 0, fmt.Errorf("query %s: unexpected row %s", kql, a.Tables[0].Rows[0])
	}
	return row[0], nil
}

// waitRows polls `SecurityRecommendation | count` every 100 ms until it
// reaches want, and returns when it did.
func (w wsClient) waitRows(ctx context.Context, customerID string, want int64, deadline time.Duration) (int64, time.Time, error) {
	stop := time.Now().Add(deadline)
	var n int64
	for {
		c, err := w.count(ctx, customerID, "SecurityRecommendation | count", "P1D")
		if err != nil {
			return n, time.Time{}, err
		}
		n = c
		if n >= want {
			return n, time.Now(), nil
		}
		if time.Now().After(stop) {
			return n, time.Time{}, fmt.Errorf("only %d of %d rows queryable in the workspace after %v", n, want, deadline)
		}
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			return n, time.Time{}, ctx.Err()
		}
	}
}

// measureQueries loads n synthetic SecurityAlert rows spread over the last
// 7 days into the workspace, straight through the engine's workspace
// service, then times each of IssueQueries QueryRuns times and HuntingQuery
// HuntingRuns times through the query API.
func (w wsClient) measureQueries(ctx context.Context, eng *engine.Engine, customerID string, n int, progress io.Writer) (load time.Duration, issue []QueryTiming, hunting QueryTiming, err error) {
	fmt.Fprintf(progress, "loading %d synthetic SecurityAlert rows…\n", n)
	end := time.Now().UTC()
	t0 := time.Now()
	if err := eng.Workspaces.DB.LoadSyntheticAlerts(ctx, customerID, n, end.AddDate(0, 0, -7), end); err != nil {
		return 0, nil, QueryTiming{}, err
	}
	load = time.Since(t0)
	for _, kql := range IssueQueries {
		qt, err := w.timeQuery(ctx, customerID, kql, QueryRuns, progress)
		if err != nil {
			return 0, nil, QueryTiming{}, err
		}
		issue = append(issue, qt)
	}
	hunting, err = w.timeQuery(ctx, customerID, HuntingQuery, HuntingRuns, progress)
	if err != nil {
		return 0, nil, QueryTiming{}, err
	}
	return load, issue, hunting, nil
}

// timeQuery runs kql runs times through the query API over the synthetic
// alerts' span.
func (w wsClient) timeQuery(ctx context.Context, customerID, kql string, runs int, progress io.Writer) (QueryTiming, error) {
	// The rows span [end-7d, end); P8D covers them whenever the queries run.
	const span = "P8D"
	fmt.Fprintf(progress, "timing %s…\n", strings.ReplaceAll(kql, "\n", " "))
	qt := QueryTiming{Query: kql}
	cpu := make([]time.Duration, 0, runs)
	for range runs {
		t, c := time.Now(), processCPU()
		a, err := w.query(ctx, customerID, kql, span)
		if err != nil {
			return QueryTiming{}, err
		}
		qt.Runs = append(qt.Runs, time.Since(t))
		cpu = append(cpu, processCPU()-c)
		qt.Rows = len(a.Tables[0].Rows)
		if qt.Rows > 0 {
			qt.First = string(bytes.TrimSpace(a.Tables[0].Rows[0]))
		}
	}
	s := slices.Clone(qt.Runs)
	slices.Sort(s)
	qt.Median, qt.P90, qt.Max = s[len(s)/2], s[len(s)*9/10], s[len(s)-1]
	slices.Sort(cpu)
	qt.CPU = cpu[len(cpu)/2]
	return qt, nil
}
