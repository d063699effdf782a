package engine_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/destination/kafka/kafkatest"
	"github.com/secexport/secexport/internal/engine"
	"github.com/secexport/secexport/internal/export"
	"github.com/secexport/secexport/internal/ingest"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
)

const (
	testSub = "0f0f0f0f-1111-2222-3333-444455556666"
	testRG  = "soc"
)

// env is an engine over a temporary data directory, with its registry and
// its log.
type env struct {
	t   *testing.T
	eng *engine.Engine
	reg *prometheus.Registry
	log *syncBuffer
	dir string
}

// testKey is the secret key of every test engine unless a test says otherwise.
var testKey = bytes.Repeat([]byte{0x42}, 32)

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, dir: t.TempDir(), log: &syncBuffer{}}
	eng, err := e.open(testKey)
	if err != nil {
		t.Fatalf("open engine: %v", err)
	}
	e.eng = eng
	t.Cleanup(func() {
		e.eng.Close()
		if t.Failed() {
			lines := strings.Split(e.log.String(), "\n")
			t.Logf("engine log, last lines:\n%s", strings.Join(lines[max(0, len(lines)-40):], "\n"))
		}
	})
	return e
}

// open opens an engine on e's data directory with key (nil: from the
// environment or the key file).
func (e *env) open(key []byte) (*engine.Engine, error) {
	e.reg = prometheus.NewRegistry()
	log := slog.New(slog.NewJSONHandler(e.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return engine.Open(context.Background(), engine.Config{
		DataDir:   e.dir,
		SecretKey: key,
		Delivery: deliver.Config{
			InitialBackoff: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond,
			SendTimeout: 2 * time.Second, PollInterval: 100 * time.Millisecond,
		},
	}, e.reg, log)
}

// put validates and stores an automation in testSub/testRG exporting
// assessments and alerts to actions.
func (e *env) put(name string, actions ...automation.Action) {
	e.t.Helper()
	a := automation.Automation{
		Location: "westeurope",
		Properties: automation.Properties{
			Scopes:  []automation.Scope{{ScopePath: "/subscriptions/" + testSub}},
			Sources: []automation.Source{{EventSource: model.SourceAssessments}, {EventSource: model.SourceAlerts}},
			Actions: actions,
		},
	}
	if err := a.Validate(testSub, testRG); err != nil {
		e.t.Fatalf("automation %s: %v", name, err)
	}
	id := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations/%s", testSub, testRG, name)
	a.ID, a.Name, a.Type, a.Etag = id, name, automation.ResourceType, strconv.FormatInt(time.Now().UnixNano(), 36)
	if _, err := e.eng.PutAutomation(context.Background(), strings.ToLower(id), testSub, testRG, &a); err != nil {
		e.t.Fatalf("put automation %s: %v", name, err)
	}
}

func automationKey(name string) string {
	return strings.ToLower(fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations/%s", testSub, testRG, name))
}

// actionID is the id of the first action of automation name.
func (e *env) actionID(name string) int64 {
	e.t.Helper()
	s, err := e.eng.Store.Automation(context.Background(), automationKey(name))
	if err != nil || len(s.ActionIDs) == 0 {
		e.t.Fatalf("automation %s: %v (%d actions)", name, err, len(s.ActionIDs))
	}
	return s.ActionIDs[0]
}

// sent is an ingested record and the event a destination must receive for it.
type sent struct {
	key     string
	source  model.EventSource
	payload []byte
}

// ingest applies records and returns what each exports.
func (e *env) ingest(bodies ...string) []sent {
	e.t.Helper()
	changes := make([]ingest.Change, len(bodies))
	for i, b := range bodies {
		r, err := posture.Parse([]byte(b))
		if err != nil {
			e.t.Fatalf("record %d: %v", i, err)
		}
		changes[i] = ingest.Change{Record: r}
	}
	results, err := e.eng.Pipeline.Apply(context.Background(), changes)
	if err != nil {
		e.t.Fatal(err)
	}
	out := make([]sent, len(results))
	for i, r := range results {
		if r.Err != nil || !r.Changed || r.Events == 0 {
			e.t.Fatalf("record %d: err %v, changed %v, events %d", i, r.Err, r.Changed, r.Events)
		}
		p, err := export.Payload(r.Record, model.ActionInsert, false, e.eng.Store.TenantID())
		if err != nil {
			e.t.Fatal(err)
		}
		out[i] = sent{key: r.Record.Key, source: model.StreamingSource(r.Record.Kind), payload: p}
	}
	return out
}

// assessment is an unhealthy assessment of virtual machine vm, with inline
// metadata and extra bytes of additional data.
func assessment(vm int, name string, extra int) string {
	res := fmt.Sprintf("/subscriptions/%s/resourceGroups/rg-%d/providers/Microsoft.Compute/virtualMachines/vm-%d", testSub, vm%3, vm)
	pad := ""
	if extra > 0 {
		pad = fmt.Sprintf(`,"additionalData":{"pad":%q}`, strings.Repeat("x", extra))
	}
	return fmt.Sprintf(`{"id":"%s/providers/Microsoft.Security/assessments/%s","type":"Microsoft.Security/assessments","properties":{"resourceDetails":{"source":"Azure","id":%q},"status":{"code":"Unhealthy","cause":"","description":"The machine does not meet the recommendation"}%s,"metadata":{"displayName":"Machines should have vulnerability findings resolved","assessmentType":"BuiltIn","severity":"High","categories":["Compute"],"userImpact":"Moderate","implementationEffort":"Low","threats":["DataExfiltration"],"description":"Resolve the findings.","remediationDescription":"Review and remediate the findings."}}}`,
		res, name, res, pad)
}

// alert is an active alert on virtual machine vm.
func alert(vm int, name string) string {
	res := fmt.Sprintf("/subscriptions/%s/resourceGroups/rg-%d/providers/Microsoft.Compute/virtualMachines/vm-%d", testSub, vm%3, vm)
	id := fmt.Sprintf("/subscriptions/%s/resourceGroups/rg-%d/providers/Microsoft.Security/locations/westeurope/alerts/%s", testSub, vm%3, name)
	const at = "2026-01-02T03:04:05.678Z"
	return fmt.Sprintf(`{"id":%q,"type":"Microsoft.Security/Locations/alerts","properties":{"version":"2022-01-01","alertType":"VM_SuspiciousCommandLine","systemAlertId":%q,"alertDisplayName":"Suspicious command line","description":"A test alert.","severity":"High","status":"Active","intent":"Execution","startTimeUtc":%q,"endTimeUtc":%q,"timeGeneratedUtc":%q,"processingEndTimeUtc":%q,"vendorName":"Microsoft","productName":"Microsoft Defender for Cloud","compromisedEntity":"vm-%d","resourceIdentifiers":[{"type":"AzureResource","azureResourceId":%q}],"remediationSteps":["Investigate."],"isIncident":false}}`,
		id, name, at, at, at, at, vm, res)
}

// records makes n assessments, every fourth one an alert instead.
func records(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		if i%4 == 3 {
			out[i] = alert(i, fmt.Sprintf("%s-alert-%d", prefix, i))
		} else {
			out[i] = assessment(i, fmt.Sprintf("%s-%d", prefix, i), 0)
		}
	}
	return out
}

// listen reserves a loopback port for a kfake broker, so that a connection
// string can name it before the broker starts.
func listen(t *testing.T) (net.Listener, kfake.Opt) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln, kfake.ListenFn(func(string, string) (net.Listener, error) { return ln, nil })
}

// emulatorHub starts a broker that takes SASL PLAIN as $ConnectionString with
// the returned emulator-style connection string, holding the topic "hub".
func emulatorHub(t *testing.T, opts ...kfake.Opt) (*kfake.Cluster, string) {
	t.Helper()
	ln, listenOpt := listen(t)
	cs := fmt.Sprintf("Endpoint=sb://%s/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0LWh1Yi1rZXk=;EntityPath=hub;UseDevelopmentEmulator=true", ln.Addr())
	c := kafkatest.Cluster(t, append([]kfake.Opt{listenOpt, kfake.EnableSASL(), kfake.Superuser("PLAIN", "$ConnectionString", cs), kfake.SeedTopics(2, "hub")}, opts...)...)
	return c, cs
}

const hubID = "/subscriptions/" + testSub + "/resourceGroups/eh/providers/Microsoft.EventHub/namespaces/ns/eventhubs/hub"

func eventHubAction(cs string) automation.Action {
	return automation.Action{ActionType: automation.ActionEventHub, EventHubResourceID: hubID, ConnectionString: cs}
}

func kafkaAction(brokers []string, topic, mech, user, pass string) automation.Action {
	return automation.Action{ActionType: automation.ActionKafka, BootstrapServers: strings.Join(brokers, ","), Topic: topic,
		SASLMechanism: mech, Username: user, Password: pass}
}

// metric is the value of the metric name whose labels include want, or
// false when there is none.
func (e *env) metric(name string, want map[string]string) (float64, bool) {
	e.t.Helper()
	mfs, err := e.reg.Gather()
	if err != nil {
		e.t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	next:
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			for k, v := range want {
				if labels[k] != v {
					continue next
				}
			}
			if g := m.GetGauge(); g != nil {
				return g.GetValue(), true
			}
			return m.GetCounter().GetValue(), true
		}
	}
	return 0, false
}

func (e *env) pending(actionID int64) int {
	e.t.Helper()
	p, err := e.eng.Store.Pending(context.Background(), actionID, 0, 100000)
	if err != nil {
		e.t.Fatal(err)
	}
	return len(p)
}

func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
