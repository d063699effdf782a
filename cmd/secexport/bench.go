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
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	r, err := bench.Run(ctx, c, stderr)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
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
