package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/bench"
	"github.com/secexport/secexport/internal/kql"
)

// TestBenchWorkspace runs `secexport bench --workspace` in-process with small
// numbers: the rows reach the workspace through Workspace actions, and the
// four issue-4 queries answer over the synthetic alerts.
func TestBenchWorkspace(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	args := []string{"bench", "--workspace", "--records", "200", "--automations", "100", "--alerts", "5000", "--data", t.TempDir()}

	var out bytes.Buffer
	if err := run(ctx, args, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	t.Log("\n" + text)
	for _, want := range []string{"workspace ", " rows/s ", "all 200 rows", "queryable after", "5000 synthetic SecurityAlert rows"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, q := range bench.IssueQueries {
		if !strings.Contains(text, q) {
			t.Errorf("output lacks the query %s", q)
		}
	}
	// 5,000 alerts: half of them High or Medium, each on its own resource;
	// one name in 20 has "brute"; one resource type in 5 is a VM.
	for _, want := range []string{"(→ [2500])", "(→ [250])", "(→ [1000])"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks the answer %s", want)
		}
	}
	// The hunting query finds hosts of high and medium alerts that brute
	// force alerts name: 250 brute force alerts over 1,009 hosts leave more
	// than 10.
	if !strings.Contains(text, "hunting query      median ") || !strings.Contains(text, fmt.Sprintf("over %d runs; median CPU ", bench.HuntingRuns)) || !strings.Contains(text, "(10 rows, the first [\"host") {
		t.Error("output lacks the hunting query's timing and 10 rows")
	}
	for line := range strings.SplitSeq(bench.HuntingQuery, "\n") {
		if !strings.Contains(text, "    "+line+"\n") {
			t.Errorf("output lacks the hunting query's line %s", line)
		}
	}
	// 7 days by hour and 4 severities: about 169 × 4 groups, fewer at the
	// edges of the span.
	m := regexp.MustCompile(`AlertSeverity  \((\d+) rows\)`).FindStringSubmatch(text)
	if m == nil {
		t.Error("output lacks the hourly count's rows")
	} else if n, _ := strconv.Atoi(m[1]); n < 660 || n > 680 {
		t.Errorf("hourly count by severity: %d rows, want about 676", n)
	}

	out.Reset()
	args[len(args)-1] = t.TempDir()
	if err := run(ctx, append(args, "--json"), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var r struct {
		WorkspaceRows          int64   `json:"workspaceRows"`
		WorkspaceRowsPerSecond float64 `json:"workspaceRowsPerSecond"`
		Queries                []struct {
			Query    string    `json:"query"`
			RunsMs   []float64 `json:"runsMs"`
			MedianMs float64   `json:"medianMs"`
		} `json:"queries"`
		Hunting struct {
			Query                  string
			RunsMs                 []float64
			MedianMs, P90Ms, MaxMs float64
			CPUMedianMs            float64
			Rows                   int
		} `json:"hunting"`
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("%v: %s", err, out.Bytes())
	}
	if r.WorkspaceRows != 200 || r.WorkspaceRowsPerSecond <= 0 || len(r.Queries) != 4 {
		t.Fatalf("unexpected JSON result %s", out.Bytes())
	}
	for _, q := range r.Queries {
		if len(q.RunsMs) != bench.QueryRuns || q.MedianMs <= 0 {
			t.Errorf("query %s: runs %v, median %v", q.Query, q.RunsMs, q.MedianMs)
		}
	}
	if h := r.Hunting; h.Query != bench.HuntingQuery || len(h.RunsMs) != bench.HuntingRuns || h.Rows != 10 ||
		h.MedianMs <= 0 || h.P90Ms < h.MedianMs || h.MaxMs < h.P90Ms || h.CPUMedianMs <= 0 {
		t.Errorf("unexpected hunting query result %+v", h)
	}
}

// TestBenchKQL runs `secexport bench --kql` with a few runs: every query of
// the embedded golden suite is compiled and timed.
func TestBenchKQL(t *testing.T) {
	ctx := context.Background()
	var out bytes.Buffer
	if err := run(ctx, []string{"bench", "--kql", "--kql-runs", "3"}, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	t.Log("\n" + text)
	suite := len(kql.Suite())
	for _, want := range []string{fmt.Sprintf("%d golden queries built in", suite), "3 runs of each query", "per query          median "} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}

	out.Reset()
	if err := run(ctx, []string{"bench", "--kql", "--kql-runs", "3", "--json"}, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var r struct {
		Queries, Rejected, Runs int
		MedianUs, P90Us, MaxUs  float64
		Slowest                 string
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("%v: %s", err, out.Bytes())
	}
	if r.Queries != suite || r.Rejected >= suite || r.Runs != 3 || r.MedianUs <= 0 || r.P90Us < r.MedianUs || r.MaxUs < r.P90Us || r.Slowest == "" {
		t.Errorf("unexpected JSON result %s", out.Bytes())
	}
}

// TestBenchCPUProfile: --cpuprofile writes a profile of the measured run,
// started once the automations exist, as bench says on stderr.
func TestBenchCPUProfile(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dir := t.TempDir()
	prof := filepath.Join(dir, "cpu.out")
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"bench", "--records", "500", "--automations", "100", "--data", filepath.Join(dir, "data"), "--cpuprofile", prof}, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	log := errOut.String()
	created, profiled := strings.Index(log, "creating 100 automations"), strings.Index(log, "CPU profile from here on")
	if created < 0 || profiled < created {
		t.Errorf("the profile does not start after the set-up:\n%s", log)
	}
	if fi, err := os.Stat(prof); err != nil || fi.Size() == 0 {
		t.Errorf("no profile written: %v", err)
	}
}
