// Package bench measures the whole pipeline in one process: records are sent to
// the real ingest API over loopback HTTP, committed to the real store, routed
// through M automations and delivered to a loopback HTTP receiver.
package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/secexport/secexport/internal/api"
	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/engine"
)

// Config is one benchmark run.
type Config struct {
	Records       int  // records ingested (each one exportable change)
	Automations   int  // automations in the index; one per subscription matches
	OnePerRequest bool // one record per ingest request (else NDJSON batches)
	Batch         int  // records per ingest request in batch mode
	Concurrency   int  // concurrent ingest clients
	Rate          int  // records/s to send at (0: as fast as possible)
	DataDir       string
	Lanes         int  // concurrent posts per Logic App action
	NoDelivery    bool // keep every event queued on disk: measure ingest alone
	// Kafka delivers the matching automations' events through a Kafka
	// action to an in-process broker, read back by a consumer, instead of
	// to the loopback Logic App receiver.
	Kafka bool
	// Workspace exports through a Workspace action to an embedded workspace
	// created through the API, counting rows as delivered when the query
	// API counts them, then times issue 4's queries over Alerts synthetic
	// SecurityAlert rows (0: DefaultAlerts), and issue 5's HuntingQuery.
	Workspace bool
	Alerts    int
	// Measuring, when set, is called once the set-up (automations,
	// destinations) is done, just before the first record is sent: a CPU
	// profile started there shows the measured run only.
	Measuring func()
}

// Result is what a run measured.
type Result struct {
	Config
	Ingested        time.Duration // first send to last acknowledgement
	Delivered       time.Duration // first send to last delivery
	P50, P99, Max   time.Duration // change sent → event delivered
	PeakRSSBytes    int64
	DeliveredEvents int64
	Workspace       *WorkspaceResult // with Config.Workspace
}

// IngestRate is records acknowledged per second.
func (r Result) IngestRate() float64 { return float64(r.Records) / r.Ingested.Seconds() }

// DeliveryRate is events delivered per second.
func (r Result) DeliveryRate() float64 { return float64(r.DeliveredEvents) / r.Delivered.Seconds() }

const subscriptions = 100

func sub(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", i) }

// Run performs one run.
func Run(ctx context.Context, cfg Config, progress io.Writer) (Result, error) {
	if cfg.Records <= 0 || cfg.Automations < subscriptions {
		return Result{}, fmt.Errorf("need records > 0 and automations >= %d", subscriptions)
	}
	if cfg.Workspace && (cfg.Kafka || cfg.NoDelivery) {
		return Result{}, fmt.Errorf("-workspace goes with neither -kafka nor -no-delivery")
	}
	if cfg.Workspace && cfg.Alerts <= 0 {
		cfg.Alerts = DefaultAlerts
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 1000
	}
	if cfg.OnePerRequest {
		cfg.Batch = 1
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 4
		if cfg.OnePerRequest {
			cfg.Concurrency = 64
		}
	}
	dir := cfg.DataDir
	if dir == "" {
		d, err := os.MkdirTemp("", "secexport-bench-")
		if err != nil {
			return Result{}, err
		}
		defer os.RemoveAll(d)
		dir = d
	}

	// The receiver: a Logic App stand-in that timestamps each event's arrival.
	sent := make([]atomic.Int64, cfg.Records)
	arrived := make([]atomic.Int64, cfg.Records)
	var delivered atomic.Int64
	var lastDelivery atomic.Int64
	done := make(chan struct{})
	arrive := func(body []byte) {
		i := recordIndex(body)
		now := time.Now().UnixNano()
		if i >= 0 && i < cfg.Records && arrived[i].CompareAndSwap(0, now) {
			lastDelivery.Store(now)
			if delivered.Add(1) == int64(cfg.Records) {
				close(done)
			}
		}
	}
	recv := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		arrive(body)
		w.WriteHeader(http.StatusOK)
	})
	rln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Result{}, err
	}
	rsrv := &http.Server{Handler: recv}
	go rsrv.Serve(rln)
	defer rsrv.Close()

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	eng, err := engine.Open(ctx, engine.Config{DataDir: dir, LogicAppLanes: cfg.Lanes, Delivery: deliver.Config{Paused: cfg.NoDelivery}}, prometheus.NewRegistry(), log)
	if err != nil {
		return Result{}, err
	}
	defer eng.Close()
	const token = "bench"
	srv := &api.Server{Engine: eng, Token: token, Gatherer: prometheus.NewRegistry(), Log: log}
	aln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Result{}, err
	}
	asrv := &http.Server{Handler: srv.Handler()}
	go asrv.Serve(aln)
	defer asrv.Close()
	base := "http://" + aln.Addr().String()
	tr := &http.Transport{MaxIdleConnsPerHost: cfg.Concurrency * 2, MaxConnsPerHost: cfg.Concurrency * 2}
	client := &http.Client{Transport: tr}

	action := fmt.Sprintf(`{"actionType":"LogicApp","uri":%q}`, "http://"+rln.Addr().String()+"/")
	matching := action // the action of the automations that match
	if cfg.Kafka {
		k, stop, err := startKafka(ctx, arrive, progress)
		if err != nil {
			return Result{}, err
		}
		defer stop()
		matching = k
	}
	wc := wsClient{c: client, base: base, token: token}
	var customerID string
	if cfg.Workspace {
		rid, cid, err := wc.createWorkspace(ctx)
		if err != nil {
			return Result{}, err
		}
		customerID = cid
		action = fmt.Sprintf(`{"actionType":"Workspace","workspaceResourceId":%q}`, rid)
		matching = action
		fmt.Fprintf(progress, "exporting to workspace %s (customerId %s)\n", rid, cid)
	}
	fmt.Fprintf(progress, "creating %d automations…\n", cfg.Automations)
	for i := range cfg.Automations {
		act := action
		if i < subscriptions {
			act = matching
		}
		if err := putAutomation(ctx, client, base, token, i, act); err != nil {
			return Result{}, err
		}
	}

	fmt.Fprintf(progress, "ingesting %d records (%s, %d clients)…\n", cfg.Records, mode(cfg), cfg.Concurrency)
	if cfg.Measuring != nil {
		cfg.Measuring()
	}
	start := time.Now()
	var lastAck atomic.Int64
	var next atomic.Int64
	var pace <-chan time.Time
	if cfg.Rate > 0 {
		interval := time.Second * time.Duration(cfg.Batch) / time.Duration(cfg.Rate)
		t := time.NewTicker(max(interval, time.Microsecond))
		defer t.Stop()
		pace = t.C
	}
	errc := make(chan error, cfg.Concurrency)
	var wg sync.WaitGroup
	for range cfg.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for {
				if pace != nil {
					select {
					case <-pace:
					case <-ctx.Done():
						return
					}
				}
				lo := int(next.Add(int64(cfg.Batch))) - cfg.Batch
				if lo >= cfg.Records {
					return
				}
				hi := min(lo+cfg.Batch, cfg.Records)
				buf.Reset()
				for i := lo; i < hi; i++ {
					writeRecord(&buf, i)
				}
				now := time.Now().UnixNano()
				for i := lo; i < hi; i++ {
					sent[i].Store(now)
				}
				if err := post(ctx, client, base+"/ingest", token, buf.Bytes(), hi-lo); err != nil {
					errc <- err
					return
				}
				lastAck.Store(time.Now().UnixNano())
			}
		}()
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return Result{}, err
	}
	ingested := time.Duration(lastAck.Load() - start.UnixNano())
	if cfg.NoDelivery {
		queued, err := queuedEvents(ctx, eng)
		if err != nil {
			return Result{}, err
		}
		if queued != int64(cfg.Records) {
			return Result{}, fmt.Errorf("%d events queued in the outbox, want %d", queued, cfg.Records)
		}
		return Result{Config: cfg, Ingested: ingested, PeakRSSBytes: peakRSS()}, nil
	}
	if cfg.Workspace {
		fmt.Fprintf(progress, "ingested in %v; waiting for the rows to be queryable…\n", ingested.Round(time.Millisecond))
		rows, at, err := wc.waitRows(ctx, customerID, int64(cfg.Records), 10*time.Minute)
		if err != nil {
			return Result{}, err
		}
		wr := &WorkspaceResult{CustomerID: customerID, Rows: rows, Alerts: cfg.Alerts,
			Queryable: at.Sub(start), AfterIngest: at.Sub(time.Unix(0, lastAck.Load()))}
		if wr.AlertsLoad, wr.Queries, wr.Hunting, err = wc.measureQueries(ctx, eng, customerID, cfg.Alerts, progress); err != nil {
			return Result{}, err
		}
		return Result{Config: cfg, Ingested: ingested, Delivered: wr.Queryable, DeliveredEvents: rows,
			PeakRSSBytes: peakRSS(), Workspace: wr}, nil
	}
	fmt.Fprintf(progress, "ingested in %v; waiting for delivery…\n", ingested.Round(time.Millisecond))
	select {
	case <-done:
	case <-time.After(10 * time.Minute):
		return Result{}, fmt.Errorf("only %d of %d events delivered after 10 minutes", delivered.Load(), cfg.Records)
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
	lat := make([]time.Duration, cfg.Records)
	for i := range lat {
		lat[i] = time.Duration(arrived[i].Load() - sent[i].Load())
	}
	slices.Sort(lat)
	return Result{
		Config: cfg, Ingested: ingested, Delivered: time.Duration(lastDelivery.Load() - start.UnixNano()),
		P50: lat[len(lat)/2], P99: lat[len(lat)*99/100], Max: lat[len(lat)-1],
		PeakRSSBytes: peakRSS(), DeliveredEvents: delivered.Load(),
	}, nil
}

func mode(cfg Config) string {
	if cfg.OnePerRequest {
		return "one record per request"
	}
	return fmt.Sprintf("NDJSON batches of %d", cfg.Batch)
}

// putAutomation creates automation i in subscription i%100 with action (its
// JSON): the first one of each subscription matches every record, the others
// carry a rule that never holds.
func putAutomation(ctx context.Context, c *http.Client, base, token string, i int, action string) error {
	s := sub(i % subscriptions)
	rules := `[]`
	if i >= subscriptions {
		rules = `[{"rules":[{"propertyJPath":"properties.metadata.severity","propertyType":"String","expectedValue":"Low","operator":"Equals"}]}]`
	}
	body := fmt.Sprintf(`{"location":"westeurope","properties":{"isEnabled":true,"scopes":[{"scopePath":"/subscriptions/%s"}],"sources":[{"eventSource":"Assessments","ruleSets":%s}],"actions":[%s]}}`, s, rules, action)
	url := fmt.Sprintf("%s/subscriptions/%s/resourceGroups/bench/providers/Microsoft.Security/automations/bench-%d?api-version=2023-12-01-preview", base, s, i)
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, url, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("create automation %d: HTTP %d: %s", i, resp.StatusCode, b)
	}
	io.Copy(io.Discard, resp.Body)
	return nil
}

// writeRecord writes record i: a new, unhealthy, high-severity assessment.
func writeRecord(b *bytes.Buffer, i int) {
	s := sub(i % subscriptions)
	res := fmt.Sprintf("/subscriptions/%s/resourceGroups/rg-%d/providers/Microsoft.Compute/virtualMachines/vm-%d", s, i%7, i)
	fmt.Fprintf(b, `{"id":"%s/providers/Microsoft.Security/assessments/bench-%d","type":"Microsoft.Security/assessments","properties":{"resourceDetails":{"source":"Azure","id":"%s"},"status":{"code":"Unhealthy","cause":"","description":"The machine does not meet the recommendation"},"additionalData":{"benchIndex":"%d"},"metadata":{"displayName":"Machines should have vulnerability findings resolved","assessmentType":"BuiltIn","severity":"High","categories":["Compute"],"userImpact":"Moderate","implementationEffort":"Low","threats":["DataExfiltration","DataSpillage"],"description":"Resolve the vulnerability findings on your machines to protect them from attack.","remediationDescription":"Review and remediate the findings.","policyDefinitionId":"/providers/Microsoft.Authorization/policyDefinitions/501541f7-f7e7-4cd6-868c-4190fdad3ac9"}}}`+"\n", res, i, res, i)
}

var marker = []byte(`"name":"bench-`)

// recordIndex finds the bench index in an exported assessment.
func recordIndex(body []byte) int {
	j := bytes.Index(body, marker)
	if j < 0 {
		return -1
	}
	rest := body[j+len(marker):]
	k := bytes.IndexByte(rest, '"')
	if k < 0 {
		return -1
	}
	n, err := strconv.Atoi(string(rest[:k]))
	if err != nil {
		return -1
	}
	return n
}

func post(ctx context.Context, c *http.Client, url, token string, body []byte, lines int) error {
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/x-ndjson")
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("ingest: HTTP %d: %s", resp.StatusCode, b)
		}
		if !bytes.Contains(b, []byte(`"accepted":`+strconv.Itoa(lines)+`,`)) {
			return fmt.Errorf("ingest: not every line accepted: %s", b)
		}
		return nil
	}
}

// queuedEvents counts the events waiting in every action's queue.
func queuedEvents(ctx context.Context, eng *engine.Engine) (int64, error) {
	bl, err := eng.Store.Backlogs(ctx)
	if err != nil {
		return 0, err
	}
	var n int64
	for _, b := range bl {
		n += b.Pending
	}
	return n, nil
}

// peakRSS is the process's peak resident set size (VmHWM), 0 when unknown.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n * 1024
			}
		}
	}
	return 0
}
