package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/secexport/secexport/internal/api"
	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/engine"
	"github.com/secexport/secexport/internal/model"
)

const (
	testToken = "test-token"

	automationAPI = "2023-12-01-preview"
	assessmentAPI = "2025-05-04"
	alertAPI      = "2022-01-01"
	subAssessAPI  = "2019-01-01-preview"

	// exampleSub is the subscription of most of the Azure examples; tests
	// that ingest example payloads use it as their tenant's subscription.
	exampleSub = "20ff7fc3-e762-44dd-bd96-b71116dcdc23"
	testSub    = "0f0f0f0f-1111-2222-3333-444455556666"
	otherSub   = "99999999-8888-7777-6666-555544443333"
)

// examplesDir is where Azure's example payloads live: ../shared beside the
// repository, as every checkout and CI run has it (as in posture and export).
var examplesDir = filepath.Join("..", "..", "..", "shared", "spec", "examples")

// env is one secexport API server over a real engine in a temporary
// directory, served on loopback.
type env struct {
	t      *testing.T
	Engine *engine.Engine
	Server *api.Server
	HTTP   *httptest.Server
	URL    string
	Reg    *prometheus.Registry
	logs   *syncBuffer
	// bodies records every response body the SDK clients of this env read.
	bodies *bodyRecorder
}

type envConfig struct {
	maxBody  int64
	lanes    int
	eventHub bool
	// selfClose leaves closing the engine to the test.
	selfClose bool
}

type envOption func(*envConfig)

// withMaxBody bounds ARM request bodies.
func withMaxBody(n int64) envOption { return func(c *envConfig) { c.maxBody = n } }

// withLanes sets how many events one Logic App action posts at once; 1
// delivers an action's events strictly in outbox order, which lets a test use
// a later event as a sentinel for earlier ones.
func withLanes(n int) envOption { return func(c *envConfig) { c.lanes = n } }

// withEventHub registers a destination for EventHub actions that accepts
// everything, so automations with EventHub actions can be stored.
func withEventHub() envOption { return func(c *envConfig) { c.eventHub = true } }

// withSelfClose leaves closing the engine to the test.
func withSelfClose() envOption { return func(c *envConfig) { c.selfClose = true } }

type acceptAll struct{}

func (acceptAll) Send(context.Context, []model.Event) error { return nil }

func newEnv(t *testing.T, opts ...envOption) *env {
	t.Helper()
	var cfg envConfig
	for _, o := range opts {
		o(&cfg)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	reg := prometheus.NewRegistry()
	eng, err := engine.Open(context.Background(), engine.Config{
		DataDir:       t.TempDir(),
		Delivery:      deliver.Config{InitialBackoff: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond},
		LogicAppLanes: cfg.lanes,
	}, reg, log)
	if err != nil {
		t.Fatalf("open engine: %v", err)
	}
	if !cfg.selfClose {
		t.Cleanup(func() {
			if err := eng.Close(); err != nil {
				t.Errorf("close engine: %v", err)
			}
		})
	}
	if cfg.eventHub {
		eng.Register(automation.ActionEventHub, func(automation.Action) (deliver.Destination, int, error) {
			return acceptAll{}, 1, nil
		})
	}
	srv := &api.Server{Engine: eng, Token: testToken, Gatherer: reg, Log: log, MaxBody: cfg.maxBody}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &env{t: t, Engine: eng, Server: srv, HTTP: hs, URL: hs.URL, Reg: reg, logs: logs, bodies: &bodyRecorder{}}
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

// --- raw HTTP ---

// response is a finished HTTP exchange.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) String() string { return fmt.Sprintf("HTTP %d %s", r.Status, r.Body) }

// do sends a request with the test token. body may be nil, []byte, string or
// any value to encode as JSON.
func (e *env) do(method, path string, body any) response {
	e.t.Helper()
	return e.doWith(method, path, body, map[string]string{"Authorization": "Bearer " + testToken})
}

// doWith sends a request with exactly the given headers.
func (e *env) doWith(method, path string, body any, headers map[string]string) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatalf("encode request body: %v", err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.URL+path, rd)
	if err != nil {
		e.t.Fatalf("build request: %v", err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// mustStatus fails the test unless r has the status.
func mustStatus(t *testing.T, r response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("got %s, want HTTP %d", r, status)
	}
}

// wantARMError checks that r is an ARM error: the status, a JSON body that is
// exactly {"error":{"code":code,"message":non-empty}}, and a message that
// contains every one of contains.
func wantARMError(t *testing.T, r response, status int, code string, contains ...string) string {
	t.Helper()
	if r.Status != status {
		t.Errorf("status: got %s, want HTTP %d", r, status)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type: got %q, want application/json", ct)
	}
	var body struct {
		Error map[string]json.RawMessage `json:"error"`
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(r.Body, &top); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, r.Body)
	}
	if len(top) != 1 || top["error"] == nil {
		t.Fatalf("error body: got %s, want exactly {\"error\":{...}}", r.Body)
	}
	json.Unmarshal(r.Body, &body)
	var gotCode, msg string
	json.Unmarshal(body.Error["code"], &gotCode)
	json.Unmarshal(body.Error["message"], &msg)
	if gotCode != code {
		t.Errorf("error code: got %q, want %q (body %s)", gotCode, code, r.Body)
	}
	if strings.TrimSpace(msg) == "" {
		t.Errorf("error message is empty: %s", r.Body)
	}
	for _, c := range contains {
		if !strings.Contains(msg, c) {
			t.Errorf("error message %q does not contain %q", msg, c)
		}
	}
	return msg
}

// decode unmarshals JSON or fails the test.
func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %T: %v: %s", v, err, b)
	}
	return v
}

// canonical re-encodes JSON with sorted keys, for comparisons.
func canonical(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not JSON: %v: %s", err, b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

func canonicalValue(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return canonical(t, b)
}

// --- paths and bodies ---

func automationPath(sub, rg, name string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations/%s?api-version=%s", sub, rg, name, automationAPI)
}

func automationsListPath(sub, rg string) string {
	if rg == "" {
		return fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Security/automations?api-version=%s", sub, automationAPI)
	}
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations?api-version=%s", sub, rg, automationAPI)
}

func deadLettersPath(sub, rg, name, suffix string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations/%s/deadLetters%s?api-version=%s", sub, rg, name, suffix, automationAPI)
}

func vmID(sub, rg, vm string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Compute/virtualMachines/%s", sub, rg, vm)
}

func assessmentPath(resourceID, name string) string {
	return fmt.Sprintf("%s/providers/Microsoft.Security/assessments/%s?api-version=%s", resourceID, name, assessmentAPI)
}

func metadataPath(sub, name string) string {
	return fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Security/assessmentMetadata/%s?api-version=%s", sub, name, assessmentAPI)
}

// automationSpec describes a test automation.
type automationSpec struct {
	scope    string // scopePath; default the subscription
	disabled bool
	sources  []any // default: Assessments with no rule sets
	uri      string
}

func (s automationSpec) body(sub string) map[string]any {
	scope := s.scope
	if scope == "" {
		scope = "/subscriptions/" + sub
	}
	sources := s.sources
	if sources == nil {
		sources = []any{map[string]any{"eventSource": "Assessments"}}
	}
	return map[string]any{
		"location": "westeurope",
		"tags":     map[string]string{"team": "secops"},
		"properties": map[string]any{
			"description": "test automation",
			"isEnabled":   !s.disabled,
			"scopes":      []any{map[string]any{"description": "scope", "scopePath": scope}},
			"sources":     sources,
			"actions": []any{map[string]any{
				"actionType":         "LogicApp",
				"logicAppResourceId": "/subscriptions/" + sub + "/resourceGroups/logic/providers/Microsoft.Logic/workflows/wf",
				"uri":                s.uri,
			}},
		},
	}
}

// putAutomation creates an automation with raw HTTP and fails unless it was created.
func (e *env) putAutomation(sub, rg, name string, spec automationSpec) {
	e.t.Helper()
	r := e.do(http.MethodPut, automationPath(sub, rg, name), spec.body(sub))
	if r.Status != http.StatusCreated && r.Status != http.StatusOK {
		e.t.Fatalf("PUT automation %s: %s", name, r)
	}
}

func source(eventSource string, ruleSets ...[]map[string]string) map[string]any {
	rs := []any{}
	for _, rules := range ruleSets {
		rr := []any{}
		for _, r := range rules {
			rr = append(rr, r)
		}
		rs = append(rs, map[string]any{"rules": rr})
	}
	return map[string]any{"eventSource": eventSource, "ruleSets": rs}
}

func rule(path, typ, op, value string) map[string]string {
	return map[string]string{"propertyJPath": path, "propertyType": typ, "operator": op, "expectedValue": value}
}

// putMetadata registers assessment metadata in a subscription.
func (e *env) putMetadata(sub, name, displayName, severity string) {
	e.t.Helper()
	r := e.do(http.MethodPut, metadataPath(sub, name), map[string]any{"properties": map[string]any{
		"displayName":    displayName,
		"severity":       severity,
		"assessmentType": "CustomerManaged",
		"description":    "test metadata " + name,
		"categories":     []string{"Compute"},
	}})
	mustStatus(e.t, r, http.StatusOK)
}

// putAssessment PUTs an assessment of resourceID with a status code and
// returns the response.
func (e *env) putAssessment(resourceID, name, code string) response {
	e.t.Helper()
	return e.do(http.MethodPut, assessmentPath(resourceID, name), map[string]any{"properties": map[string]any{
		"resourceDetails": map[string]any{"source": "Azure"},
		"status":          map[string]any{"code": code},
	}})
}

// ingestReport is the reply of POST /ingest.
type ingestReport struct {
	Accepted  int `json:"accepted"`
	Rejected  int `json:"rejected"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	Deleted   int `json:"deleted"`
	Events    int `json:"events"`
	Errors    []struct {
		Line  int    `json:"line"`
		ID    string `json:"id"`
		Error string `json:"error"`
	} `json:"errors"`
}

// ingest posts NDJSON lines and returns the report; the request must succeed.
func (e *env) ingest(lines ...string) ingestReport {
	e.t.Helper()
	r := e.do(http.MethodPost, "/ingest", strings.Join(lines, "\n")+"\n")
	mustStatus(e.t, r, http.StatusOK)
	return decode[ingestReport](e.t, r.Body)
}

// metrics scrapes /metrics.
func (e *env) metrics() string {
	e.t.Helper()
	r := e.do(http.MethodGet, "/metrics", nil)
	mustStatus(e.t, r, http.StatusOK)
	return string(r.Body)
}

// metricSum sums the samples of a metric family in Prometheus text format.
func metricSum(text, name string) (sum float64, found bool) {
	for line := range strings.SplitSeq(text, "\n") {
		if !strings.HasPrefix(line, name) {
			continue
		}
		rest := line[len(name):]
		if !strings.HasPrefix(rest, "{") && !strings.HasPrefix(rest, " ") {
			continue
		}
		f := strings.Fields(line)
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			continue
		}
		sum += v
		found = true
	}
	return sum, found
}

// example reads one of the official Azure example files.
type example struct {
	Parameters map[string]json.RawMessage `json:"parameters"`
	Responses  map[string]struct {
		Body json.RawMessage `json:"body"`
	} `json:"responses"`
}

func readExample(t *testing.T, rel string) example {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examplesDir, rel))
	if err != nil {
		t.Fatalf("read example: %v", err)
	}
	return decode[example](t, b)
}

func (x example) param(t *testing.T, name string) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(x.Parameters[name], &s); err != nil {
		t.Fatalf("example parameter %s: %v", name, err)
	}
	return s
}

// --- waiting ---

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// --- the Logic App receiver ---

// delivery is one POST the receiver got.
type delivery struct {
	Path   string
	Header http.Header
	Body   []byte
	Status int // what the receiver answered
}

func (d delivery) json(t *testing.T) map[string]any {
	t.Helper()
	return decode[map[string]any](t, d.Body)
}

func (d delivery) eventID() string { return d.Header.Get("X-Secexport-Event-Id") }

// receiver is a Logic App HTTP trigger on loopback. It records every POST
// and answers with what respond says (200 by default).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	all      []delivery
	respond  func(path string, attempt int) int
	attempts map[string]int
}

func newReceiver(t *testing.T) *receiver {
	t.Helper()
	rc := &receiver{attempts: map[string]int{}}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.attempts[r.URL.Path]++
		status := http.StatusOK
		if rc.respond != nil {
			status = rc.respond(r.URL.Path, rc.attempts[r.URL.Path])
		}
		rc.all = append(rc.all, delivery{Path: r.URL.Path, Header: r.Header.Clone(), Body: body, Status: status})
		rc.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.Close)
	return rc
}

// setRespond changes how the receiver answers.
func (rc *receiver) setRespond(f func(path string, attempt int) int) {
	rc.mu.Lock()
	rc.respond = f
	rc.mu.Unlock()
}

// accepted returns the deliveries to path that were answered with 2xx.
func (rc *receiver) accepted(path string) []delivery {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var out []delivery
	for _, d := range rc.all {
		if d.Path == path && d.Status >= 200 && d.Status < 300 {
			out = append(out, d)
		}
	}
	return out
}

// attemptsTo returns every POST to path, whatever the answer.
func (rc *receiver) attemptsTo(path string) []delivery {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var out []delivery
	for _, d := range rc.all {
		if d.Path == path {
			out = append(out, d)
		}
	}
	return out
}

// waitAccepted waits until path has accepted n events and returns them.
func (rc *receiver) waitAccepted(t *testing.T, path string, n int) []delivery {
	t.Helper()
	waitFor(t, 5*time.Second, fmt.Sprintf("%d events at %s", n, path), func() bool { return len(rc.accepted(path)) >= n })
	return rc.accepted(path)
}

// --- SDK clients ---

// staticCredential hands out the test token.
type staticCredential struct{ token string }

func (c staticCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: c.token, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// bodyRecorder is a pipeline policy that keeps a copy of every response body.
type bodyRecorder struct {
	mu     sync.Mutex
	bodies [][]byte
}

func (b *bodyRecorder) Do(req *policy.Request) (*http.Response, error) {
	resp, err := req.Next()
	if err != nil || resp == nil || resp.Body == nil {
		return resp, err
	}
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if rerr != nil {
		return resp, rerr
	}
	b.add(body)
	return resp, nil
}

func (b *bodyRecorder) add(body []byte) {
	b.mu.Lock()
	b.bodies = append(b.bodies, body)
	b.mu.Unlock()
}

func (b *bodyRecorder) all() [][]byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.bodies)
}

// clientOptions points an official Azure SDK client at the env's server.
func (e *env) clientOptions() *arm.ClientOptions {
	return &arm.ClientOptions{
		ClientOptions: policy.ClientOptions{
			Cloud: cloud.Configuration{
				ActiveDirectoryAuthorityHost: "http://127.0.0.1/",
				Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
					cloud.ResourceManager: {Endpoint: e.URL, Audience: "https://management.azure.com"},
				},
			},
			InsecureAllowCredentialWithHTTP: true,
			Retry:                           policy.RetryOptions{MaxRetries: -1},
			PerCallPolicies:                 []policy.Policy{e.bodies},
		},
		DisableRPRegistration: true,
	}
}

func (e *env) credential() azcore.TokenCredential { return staticCredential{token: testToken} }

// captured returns a context that captures the raw response of an SDK call.
func captured(resp **http.Response) context.Context {
	return policy.WithCaptureResponse(context.Background(), resp)
}

// responseError checks that err is an *azcore.ResponseError with the status and code.
func responseError(t *testing.T, err error, status int, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want HTTP %d %s", status, code)
	}
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("got %T %v, want *azcore.ResponseError", err, err)
	}
	if re.StatusCode != status || re.ErrorCode != code {
		t.Fatalf("got HTTP %d %q, want HTTP %d %q", re.StatusCode, re.ErrorCode, status, code)
	}
}
