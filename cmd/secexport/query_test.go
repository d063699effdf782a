package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/engine"
)

// TestQueryCommandAgainstDemo serves with --demo in-process and runs
// `secexport query` against it, as `make run` users do: the demo's
// automation has exported its recommendations to the default workspace.
func TestQueryCommandAgainstDemo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runServer(ctx, serveConfig{dataDir: dir, listen: "127.0.0.1:0", demo: true, logLevel: "error", token: "t0ken", eng: engine.Config{DataDir: dir},
			ready: func(addr string) { ready <- addr }}, io.Discard, io.Discard)
	}()
	var server string
	select {
	case addr := <-ready:
		server = "http://" + addr
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start")
	}
	query := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append([]string{"query", "--server", server, "--token", "t0ken"}, args...), nil, &out, &errOut)
		return out.String(), err
	}

	const kql = `SecurityRecommendation | summarize count() by RecommendationSeverity | order by RecommendationSeverity asc`
	var out string
	deadline := time.Now().Add(20 * time.Second)
	for {
		var err error
		out, err = query(kql)
		if err == nil && strings.Contains(out, "High") && strings.Contains(out, "Medium") && strings.Contains(out, "Low") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no demo recommendations in the default workspace: %q, %v", out, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[0], "RecommendationSeverity  count_") || !strings.HasPrefix(lines[2], "High ") || lines[5] != "(3 rows)" {
		t.Errorf("table:\n%s", out)
	}

	js, err := query("--json", "--timespan", "P1D", "SecurityRecommendation | count")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Tables []struct {
			Name    string
			Columns []struct{ Name, Type string }
			Rows    [][]any
		}
	}
	if err := json.Unmarshal([]byte(js), &res); err != nil || len(res.Tables) != 1 || res.Tables[0].Columns[0].Type != "long" {
		t.Errorf("--json: %v %s", err, js)
	}

	if _, err := query("SecurityRecommendation | where Nope == 1"); err == nil || !strings.Contains(err.Error(), "BadArgumentError") ||
		!strings.Contains(err.Error(), "Nope") || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("a refused query: %v", err)
	}
	// A hunting query kept in a file, as teams keep them: comments, a let,
	// CRLF line ends and a trailing semicolon; from --file and from stdin.
	hunt := "// unhealthy recommendations by severity\r\n" +
		"let sev = dynamic([\"High\", \"Medium\", \"Low\"]);\r\n" +
		"SecurityRecommendation\r\n" +
		"| where RecommendationSeverity in (sev) // all three\r\n" +
		"|summarize ['Count of recommendations'] = count()by RecommendationSeverity\r\n" +
		"| order by RecommendationSeverity asc;\r\n"
	file := filepath.Join(t.TempDir(), "hunt.kql")
	if err := os.WriteFile(file, []byte(hunt), 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile, err := query("--file", file)
	if err != nil || !strings.HasPrefix(fromFile, "RecommendationSeverity  Count of recommendations") || !strings.Contains(fromFile, "(3 rows)") {
		t.Errorf("--file: %v\n%s", err, fromFile)
	}
	var stdinOut bytes.Buffer
	if err := run(ctx, []string{"query", "--server", server, "--token", "t0ken", "-"}, strings.NewReader(hunt), &stdinOut, io.Discard); err != nil || stdinOut.String() != fromFile {
		t.Errorf("query from stdin: %v\n%s\nwant\n%s", err, stdinOut.String(), fromFile)
	}
	for _, args := range [][]string{{"--file", file, "SecurityAlert"}, {"--file", filepath.Join(t.TempDir(), "missing.kql")}, {"  "}} {
		if _, err := query(args...); err == nil {
			t.Errorf("query %q: no error", args)
		}
	}

	// The README's hunting query: the demo's alerts carry entities.
	const ips = `SecurityAlert
| where TimeGenerated > ago(1d)
| mv-apply e = parse_json(Entities) on (
    where e.Type == "ip" | project IP = tostring(e.Address))
| summarize Alerts = count(), Names = make_set(AlertName) by IP, CompromisedEntity
| top 5 by Alerts`
	for deadline := time.Now().Add(30 * time.Second); ; {
		out, err := query(ips)
		if err == nil && strings.HasPrefix(out, "IP ") && strings.Contains(out, "\n10.0.") && strings.Contains(out, "demo-vm-") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the demo's alerts have no IP entities: %v\n%s", err, out)
		}
		time.Sleep(300 * time.Millisecond)
	}

	// A query the server stops at --wait: 504, and the command says so.
	start := time.Now()
	if _, err := query("--wait", "1s", "range x from 1 to 10000000000 step 1 | summarize sum(x % 7)"); err == nil ||
		!strings.Contains(err.Error(), "504") || !strings.Contains(err.Error(), "GatewayTimeout") || time.Since(start) > 20*time.Second {
		t.Errorf("--wait 1s: %v after %s", err, time.Since(start))
	}

	var errOut bytes.Buffer
	if err := run(ctx, []string{"query", "--server", server, "--token", "wrong", "SecurityAlert"}, nil, io.Discard, &errOut); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("wrong token: %v", err)
	}
	if err := run(ctx, []string{"query", "--server", server}, nil, io.Discard, &errOut); err == nil {
		t.Error("no query given, no error")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}
