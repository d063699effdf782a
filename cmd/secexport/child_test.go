package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// This file runs `secexport serve` as a child process for the durability
// tests, and talks to it: the ARM and ingest APIs, and /metrics.

const (
	testToken    = "durability-test-token"
	testSub      = "5f3c2d1e-0a9b-4c8d-9e7f-123456789abc"
	testAssessNm = "4fb67663-9ab9-475d-b026-8c544cced439" // the assessment's name (its metadata key)
	autoVersion  = "2023-12-01-preview"
)

// lockedBuffer collects a child's output across its restarts.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serverProc is `secexport serve`, run as a child process on a fixed loopback
// address and data directory, so that it can be killed and started again on
// the same ones.
type serverProc struct {
	t     *testing.T
	addr  string
	dir   string
	token string // the bearer token requests carry
	// envToken, when true, passes token as SECEXPORT_BOOTSTRAP_TOKEN.
	envToken bool
	client   *http.Client
	log      lockedBuffer

	cmd      *exec.Cmd
	lifeline *os.File // the child's stdin; closing it makes the child exit
	exited   chan struct{}
	waitErr  error
	starts   int
}

// newServerProc returns a stopped server on a free loopback port with the
// test token in its environment.
func newServerProc(t *testing.T, dir string) *serverProc {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	s := &serverProc{t: t, addr: freeAddr(t), dir: dir, token: testToken, envToken: true,
		client: &http.Client{Transport: tr, Timeout: 20 * time.Second}}
	t.Cleanup(func() {
		if s.running() {
			s.kill()
		}
		tr.CloseIdleConnections()
		out := s.log.String()
		if strings.Contains(out, "WARNING: DATA RACE") {
			t.Errorf("the server process reported a data race:\n%s", out)
		} else if t.Failed() {
			t.Logf("server log (last 8 KB):\n%s", tail(out, 8<<10))
		}
	})
	return s
}

// freeAddr returns a loopback address whose port was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// childEnv is the test's environment without any SECEXPORT_ setting, which
// would change what the child does.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SECEXPORT_") {
			env = append(env, kv)
		}
	}
	return env
}

func (s *serverProc) running() bool {
	if s.cmd == nil {
		return false
	}
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// start starts the server and waits until it is ready.
func (s *serverProc) start() {
	s.t.Helper()
	if s.running() {
		s.t.Fatal("start: the server is already running")
	}
	args, _ := json.Marshal([]string{"serve", "--listen", s.addr, "--data", s.dir,
		"--retry-initial", "20ms", "--retry-max", "200ms", "--log-level", "info"})
	exe, err := os.Executable()
	if err != nil {
		s.t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(childEnv(), envChildServe+"=1", envChildArgs+"="+string(args))
	if s.envToken {
		cmd.Env = append(cmd.Env, "SECEXPORT_BOOTSTRAP_TOKEN="+s.token)
	}
	stdin, lifeline, err := os.Pipe()
	if err != nil {
		s.t.Fatal(err)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &s.log, &s.log
	s.starts++
	fmt.Fprintf(&s.log, "=== start %d ===\n", s.starts)
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start server: %v", err)
	}
	stdin.Close()
	exited := make(chan struct{})
	s.cmd, s.lifeline, s.exited = cmd, lifeline, exited
	go func() {
		s.waitErr = cmd.Wait()
		close(exited)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if !s.waitReady(ctx) {
		if !s.running() {
			s.t.Fatalf("the server exited while starting: %v", s.waitErr)
		}
		s.t.Fatal("the server was not ready within 30s")
	}
}

// waitReady polls /readyz until it answers 200 or ctx is done. It is safe to
// call from any goroutine.
func (s *serverProc) waitReady(ctx context.Context) bool {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.url("/readyz"), nil)
		if resp, err := s.client.Do(req); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return true
			}
		}
		select {
		case <-ctx.Done():
			return false
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// kill kills the server with SIGKILL and waits for it to be gone.
func (s *serverProc) kill() {
	s.cmd.Process.Kill()
	<-s.exited
	s.lifeline.Close()
	s.client.CloseIdleConnections()
	fmt.Fprintf(&s.log, "=== killed ===\n")
}

// stop asks the server to shut down (SIGTERM) and expects a clean exit.
func (s *serverProc) stop() {
	s.t.Helper()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(20 * time.Second):
		s.kill()
		s.t.Fatal("the server did not stop within 20s of SIGTERM")
	}
	s.lifeline.Close()
	s.client.CloseIdleConnections()
	if s.waitErr != nil {
		s.t.Fatalf("the server exited with %v after SIGTERM; want a clean exit", s.waitErr)
	}
}

func (s *serverProc) url(path string) string { return "http://" + s.addr + path }

// call sends a request with the server's token; it is safe from any goroutine.
func (s *serverProc) call(ctx context.Context, method, path string, body []byte) (int, []byte, error) {
	return s.callAs(ctx, "Bearer "+s.token, method, path, body)
}

func (s *serverProc) callAs(ctx context.Context, authorization, method, path string, body []byte) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.url(path), rd)
	if err != nil {
		return 0, nil, err
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// mustCall is call for the test goroutine: a transport error fails the test.
func (s *serverProc) mustCall(method, path string, body []byte) (int, []byte) {
	s.t.Helper()
	code, b, err := s.call(context.Background(), method, path, body)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	return code, b
}

// putAutomation creates (or replaces) an automation in resource group rg that
// sends every assessment and alert of the test subscription to uri.
func (s *serverProc) putAutomation(rg, name, uri string) string {
	s.t.Helper()
	body := fmt.Sprintf(`{"location":"westeurope","properties":{"description":"durability test","isEnabled":true,
		"scopes":[{"description":"the test subscription","scopePath":"/subscriptions/%s"}],
		"sources":[{"eventSource":"Assessments"},{"eventSource":"Alerts"}],
		"actions":[{"actionType":"LogicApp","logicAppResourceId":"/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Logic/workflows/%s","uri":%q}]}}`,
		testSub, testSub, rg, name, uri)
	path := automationPath(rg, name)
	code, b := s.mustCall(http.MethodPut, path+"?api-version="+autoVersion, []byte(body))
	if code != http.StatusOK && code != http.StatusCreated {
		s.t.Fatalf("PUT %s: HTTP %d: %s", path, code, b)
	}
	return strings.ToLower(path)
}

func automationPath(rg, name string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations/%s", testSub, rg, name)
}

// ingestReply is the body of a POST /ingest reply.
type ingestReply struct {
	Accepted, Rejected, Changed, Unchanged, Deleted, Events int
	Errors                                                  []struct {
		Line  int
		ID    string
		Error string
	}
}

// ingest posts NDJSON lines; err is set when no reply came (the request may or
// may not have been applied).
func (s *serverProc) ingest(ctx context.Context, lines [][]byte) (int, ingestReply, error) {
	code, b, err := s.call(ctx, http.MethodPost, "/ingest", append(bytes.Join(lines, []byte("\n")), '\n'))
	var rep ingestReply
	if err != nil {
		return 0, rep, err
	}
	if code == http.StatusOK {
		if err := json.Unmarshal(b, &rep); err != nil {
			return code, rep, fmt.Errorf("ingest reply %s: %w", b, err)
		}
	}
	return code, rep, nil
}

// mustIngest ingests lines and expects every one to be an exportable change.
func (s *serverProc) mustIngest(lines [][]byte) {
	s.t.Helper()
	code, rep, err := s.ingest(context.Background(), lines)
	if err != nil || code != http.StatusOK || rep.Changed != len(lines) || rep.Rejected != 0 {
		s.t.Fatalf("ingest of %d changes: HTTP %d %+v %v", len(lines), code, rep, err)
	}
}

// get reads the stored record's health state and step; found is false when
// the record does not exist.
func (s *serverProc) getAssessment(ctx context.Context, a vmAssessment) (code string, step int, found bool, err error) {
	status, b, err := s.call(ctx, http.MethodGet, a.id()+"?api-version=2020-01-01", nil)
	if err != nil {
		return "", 0, false, err
	}
	if status == http.StatusNotFound {
		return "", 0, false, nil
	}
	if status != http.StatusOK {
		return "", 0, false, fmt.Errorf("GET %s: HTTP %d: %s", a.id(), status, b)
	}
	code, step, err = statusOf(b)
	return code, step, true, err
}

// sample is one Prometheus sample.
type sample struct {
	name   string
	labels map[string]string
	value  float64
}

var labelRE = regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"`)

// scrape reads GET /metrics.
func (s *serverProc) scrape() []sample {
	s.t.Helper()
	code, b := s.mustCall(http.MethodGet, "/metrics", nil)
	if code != http.StatusOK {
		s.t.Fatalf("GET /metrics: HTTP %d: %s", code, b)
	}
	var out []sample
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		name, rest := line, ""
		labels := map[string]string{}
		if i := strings.IndexByte(line, '{'); i >= 0 {
			j := strings.LastIndexByte(line, '}')
			name, rest = line[:i], line[j+1:]
			for _, m := range labelRE.FindAllStringSubmatch(line[i+1:j], -1) {
				labels[m[1]] = m[2]
			}
		} else if i := strings.IndexByte(line, ' '); i >= 0 {
			name, rest = line[:i], line[i:]
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			continue
		}
		v, err := strconv.ParseFloat(f[0], 64)
		if err != nil {
			continue
		}
		out = append(out, sample{name: name, labels: labels, value: v})
	}
	return out
}

// metric returns the value of the sample named name whose labels include
// match.
func metric(samples []sample, name string, match map[string]string) (float64, bool) {
next:
	for _, s := range samples {
		if s.name != name {
			continue
		}
		for k, v := range match {
			if s.labels[k] != v {
				continue next
			}
		}
		return s.value, true
	}
	return 0, false
}

// actionOf returns the action id of the (single-action) automation key, as
// the backlog metrics label it.
func actionOf(samples []sample, automationKey string) (string, bool) {
	for _, s := range samples {
		if s.name == "secexport_outbox_pending" && s.labels["automation"] == automationKey {
			return s.labels["action"], true
		}
	}
	return "", false
}
