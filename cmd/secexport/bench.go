package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/bench"
)

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c bench.Config
	var asJSON bool
	fs.IntVar(&c.Records, "records", 100000, "records to ingest; each is one exportable change")
	fs.IntVar(&c.Automations, "automations", 1000, "automations in the index (at least 100; one per subscription matches)")
	fs.BoolVar(&c.OnePerRequest, "one-per-request", false, "one record per ingest request and one event per delivery request")
	fs.IntVar(&c.Batch, "batch", 1000, "records per NDJSON ingest request")
	fs.IntVar(&c.Concurrency, "concurrency", 0, "concurrent ingest clients (default 4, or 64 with -one-per-request)")
	fs.IntVar(&c.Rate, "rate", 0, "records per second to send (0: as fast as possible); for latency at a given load")
	fs.IntVar(&c.Lanes, "lanes", 0, "concurrent posts per Logic App action (default 16)")
	fs.BoolVar(&c.Kafka, "kafka", false, "deliver through one Kafka action per matching automation to an in-process broker (kfake), counting an event delivered when a consumer reads it back")
	fs.BoolVar(&c.NoDelivery, "no-delivery", false, "queue events on disk without delivering them: measure ingest and commit alone")
	fs.BoolVar(&c.Workspace, "workspace", false, "export through a Workspace action to an embedded workspace created through the API, counting rows as the query API sees them; then time issue 4's four queries and issue 5's hunting query (a join and an mv-expand) over -alerts synthetic SecurityAlert rows")
	fs.IntVar(&c.Alerts, "alerts", bench.DefaultAlerts, "synthetic SecurityAlert rows to load for the -workspace query timings")
	kqlOnly := fs.Bool("kql", false, "time only the KQL compiler (parse and translate to SQL) over the golden query suite built into the binary, -kql-runs times each query; no pipeline")
	kqlRuns := fs.Int("kql-runs", bench.DefaultCompileRuns, "compilations of each suite query with -kql")
	fs.StringVar(&c.DataDir, "data", "", "data directory (default: a temporary one, removed after)")
	fs.BoolVar(&asJSON, "json", false, "print the result as JSON")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		// The profile covers the measured run, not the set-up before it
		// (creating a thousand automations costs more CPU than the run).
		profiling := false
		start := func() {
			if err := pprof.StartCPUProfile(f); err != nil {
				fmt.Fprintf(stderr, "bench: no CPU profile: %v\n", err)
				return
			}
			profiling = true
			fmt.Fprintf(stderr, "CPU profile from here on, to %s\n", *cpuProfile)
		}
		if *kqlOnly {
			start()
		} else {
			c.Measuring = start
		}
		defer func() {
			if profiling {
				pprof.StopCPUProfile()
			}
		}()
	}
	if *kqlOnly {
		r, err := bench.MeasureCompile(ctx, *kqlRuns)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		return printCompileBench(stdout, r, asJSON)
	}
	r, err := bench.Run(ctx, c, stderr)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if r.Workspace != nil {
		return printWorkspaceBench(stdout, r, asJSON)
	}
	if asJSON {
		return json.NewEncoder(stdout).Encode(map[string]any{
			"records": r.Records, "automations": r.Automations, "onePerRequest": r.OnePerRequest, "batch": r.Batch,
			"concurrency": r.Concurrency, "rate": r.Rate,
			"ingestedPerSecond": r.IngestRate(), "deliveredPerSecond": r.DeliveryRate(),
			"p50Ms": ms(r.P50), "p99Ms": ms(r.P99), "maxMs": ms(r.Max), "peakRSSBytes": r.PeakRSSBytes,
		})
	}
	fmt.Fprintf(stdout, "records            %d (%d automations, %s, %d clients, GOMAXPROCS %d)\n", r.Records, r.Automations, modeName(r), r.Concurrency, runtime.GOMAXPROCS(0))
	if r.Rate > 0 {
		fmt.Fprintf(stdout, "offered load       %d records/s\n", r.Rate)
	}
	fmt.Fprintf(stdout, "ingested           %.0f events/s (acknowledged, durable)\n", r.IngestRate())
	if r.NoDelivery {
		fmt.Fprintf(stdout, "delivered          — (-no-delivery: %d events queued on disk)\n", r.Records)
		fmt.Fprintf(stdout, "peak RSS           %.0f MiB\n", float64(r.PeakRSSBytes)/(1<<20))
		return nil
	}
	fmt.Fprintf(stdout, "delivered          %.0f events/s (end to end)\n", r.DeliveryRate())
	fmt.Fprintf(stdout, "latency            p50 %.1f ms, p99 %.1f ms, max %.1f ms (change sent → delivered)\n", ms(r.P50), ms(r.P99), ms(r.Max))
	fmt.Fprintf(stdout, "peak RSS           %.0f MiB\n", float64(r.PeakRSSBytes)/(1<<20))
	return nil
}

func modeName(r bench.Result) string {
	if r.OnePerRequest {
		return "one record per request"
	}
	return fmt.Sprintf("NDJSON batches of %d", r.Batch)
}

func ms(d interface{ Seconds() float64 }) float64 { return d.Seconds() * 1000 }

// printWorkspaceBench prints a -workspace run.
func printWorkspaceBench(stdout io.Writer, r bench.Result, asJSON bool) error {
	w := r.Workspace
	if asJSON {
		qs := make([]map[string]any, len(w.Queries))
		for i, q := range w.Queries {
			qs[i] = queryJSON(q)
		}
		return json.NewEncoder(stdout).Encode(map[string]any{
			"records": r.Records, "automations": r.Automations, "onePerRequest": r.OnePerRequest, "batch": r.Batch,
			"concurrency": r.Concurrency, "rate": r.Rate, "workspace": true,
			"ingestedPerSecond": r.IngestRate(), "workspaceRows": w.Rows, "workspaceRowsPerSecond": w.RowsRate(),
			"queryableAfterMs": ms(w.Queryable), "queryableAfterIngestMs": ms(w.AfterIngest),
			"alerts": w.Alerts, "alertsLoadMs": ms(w.AlertsLoad), "queries": qs, "hunting": queryJSON(w.Hunting), "peakRSSBytes": r.PeakRSSBytes,
		})
	}
	fmt.Fprintf(stdout, "records            %d (%d automations, %s, %d clients, GOMAXPROCS %d)\n", r.Records, r.Automations, modeName(r), r.Concurrency, runtime.GOMAXPROCS(0))
	if r.Rate > 0 {
		fmt.Fprintf(stdout, "offered load       %d records/s\n", r.Rate)
	}
	fmt.Fprintf(stdout, "ingested           %.0f events/s (acknowledged, durable)\n", r.IngestRate())
	fmt.Fprintf(stdout, "workspace          %.0f rows/s (end to end: first record sent → all %d rows counted by the query API)\n", w.RowsRate(), w.Rows)
	fmt.Fprintf(stdout, "queryable after    %.0f ms from the first record sent, %.0f ms after the last acknowledgement (polled every 100 ms)\n", ms(w.Queryable), ms(w.AfterIngest))
	fmt.Fprintf(stdout, "latency            — (not measured per event with -workspace)\n")
	fmt.Fprintf(stdout, "alerts             %d synthetic SecurityAlert rows loaded in %.0f ms\n", w.Alerts, ms(w.AlertsLoad))
	fmt.Fprintf(stdout, "queries            through POST /v1/workspaces/{id}/query, %d runs each (median, max):\n", bench.QueryRuns)
	for _, q := range w.Queries {
		ans := fmt.Sprintf("%d rows", q.Rows)
		if q.Rows == 1 {
			ans = "→ " + q.First
		}
		fmt.Fprintf(stdout, "  %8.1f ms %8.1f ms  %s  (%s)\n", ms(q.Median), ms(q.Max), q.Query, ans)
	}
	h := w.Hunting
	fmt.Fprintf(stdout, "hunting query      median %.1f ms, p90 %.1f ms, max %.1f ms over %d runs; median CPU %.1f ms a run (%d rows, the first %s):\n", ms(h.Median), ms(h.P90), ms(h.Max), len(h.Runs), ms(h.CPU), h.Rows, h.First)
	for line := range strings.SplitSeq(h.Query, "\n") {
		fmt.Fprintf(stdout, "    %s\n", line)
	}
	fmt.Fprintf(stdout, "peak RSS           %.0f MiB\n", float64(r.PeakRSSBytes)/(1<<20))
	return nil
}

func us(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }

// printCompileBench prints a -kql run.
func printCompileBench(stdout io.Writer, r bench.CompileResult, asJSON bool) error {
	if asJSON {
		return json.NewEncoder(stdout).Encode(map[string]any{
			"kql": true, "queries": r.Queries, "rejected": r.Rejected, "runs": r.Runs,
			"medianUs": us(r.Median), "p90Us": us(r.P90), "maxUs": us(r.Max), "slowest": r.Slowest, "meanUs": us(r.Mean),
		})
	}
	fmt.Fprintf(stdout, "kql suite          %d golden queries built in; %d compiled, %d refused by the compiler, as their output.err expects (not timed)\n", r.Queries, r.Queries-r.Rejected, r.Rejected)
	fmt.Fprintf(stdout, "compile            parse + translate to SQL, %d runs of each query, GOMAXPROCS %d\n", r.Runs, runtime.GOMAXPROCS(0))
	fmt.Fprintf(stdout, "per query          median %.1f µs, p90 %.1f µs, max %.1f µs (%s) of each query's median\n", us(r.Median), us(r.P90), us(r.Max), r.Slowest)
	fmt.Fprintf(stdout, "mean               %.1f µs a compilation\n", us(r.Mean))
	return nil
}

// queryJSON is a query's timing in -json output.
func queryJSON(q bench.QueryTiming) map[string]any {
	runs := make([]float64, len(q.Runs))
	for j, d := range q.Runs {
		runs[j] = ms(d)
	}
	first := json.RawMessage("null")
	if q.First != "" {
		first = json.RawMessage(q.First)
	}
	return map[string]any{"query": q.Query, "runsMs": runs, "medianMs": ms(q.Median), "p90Ms": ms(q.P90), "maxMs": ms(q.Max), "cpuMedianMs": ms(q.CPU), "rows": q.Rows, "firstRow": first}
}
