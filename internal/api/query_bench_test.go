package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/secexport/secexport/internal/api"
	"github.com/secexport/secexport/internal/bench"
	"github.com/secexport/secexport/internal/engine"
)

// issueQueries are the four queries of issue 4's storage measurement and
// issue 5's hunting query.
var issueQueries = []struct{ name, kql string }{
	{"count_by_hour_and_severity", `SecurityAlert | summarize count() by bin(TimeGenerated, 1h), AlertSeverity`},
	{"dcount_resources_of_severities", `SecurityAlert | where AlertSeverity in ("High", "Medium") | summarize dcount(ResourceId)`},
	{"name_contains", `SecurityAlert | where AlertName contains "brute" | count`},
	{"extended_property", `SecurityAlert | where tostring(parse_json(ExtendedProperties)["Resource type"]) == "Virtual Machine" | count`},
	// Issue 5's hunting query: ten operators, a join and an mv-expand.
	{"hunting_join_mv_expand", bench.HuntingQuery},
}

// BenchmarkIssueQueries runs the queries over 1,000,000 SecurityAlert
// rows through the query API (HTTP on loopback, the handler, the KQL
// compiler, DuckDB, the JSON answer) and reports ms per query. The rows are
// built only when the benchmark runs.
func BenchmarkIssueQueries(b *testing.B) {
	const rows = 1_000_000
	dir := b.TempDir()
	eng, err := engine.Open(context.Background(), engine.Config{DataDir: dir}, prometheus.NewRegistry(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	srv := &api.Server{Engine: eng, Token: testToken, Gatherer: prometheus.NewRegistry(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()

	put, _ := http.NewRequest(http.MethodPut, hs.URL+workspacePath(testSub, "soc", "bench-ws", workspaceAPI), strings.NewReader(`{"location":"westeurope"}`))
	put.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := http.DefaultClient.Do(put)
	if err != nil || resp.StatusCode != http.StatusCreated {
		b.Fatalf("create workspace: %v %v", resp, err)
	}
	var ws workspaceBody
	json.NewDecoder(resp.Body).Decode(&ws)
	resp.Body.Close()
	id := ws.Properties.CustomerID
	end := time.Now().UTC()
	t0 := time.Now()
	if err := eng.Workspaces.DB.LoadSyntheticAlerts(context.Background(), id, rows, end.AddDate(0, 0, -7), end); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d SecurityAlert rows in %v", rows, time.Since(t0).Round(time.Millisecond))

	for _, q := range issueQueries {
		b.Run(q.name, func(b *testing.B) {
			body, _ := json.Marshal(map[string]string{"query": q.kql})
			var answer []byte
			for b.Loop() {
				req, _ := http.NewRequest(http.MethodPost, hs.URL+"/v1/workspaces/"+id+"/query", strings.NewReader(string(body)))
				req.Header.Set("Authorization", "Bearer "+testToken)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				answer, _ = io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("%s: HTTP %d %s", q.kql, resp.StatusCode, answer)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/query")
			if len(answer) > 300 {
				answer = answer[:300]
			}
			b.Logf("%s -> %s", q.kql, answer)
		})
	}
}
