package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestServeBootstrapToken starts `secexport serve` without
// SECEXPORT_BOOTSTRAP_TOKEN: it writes a token file (mode 0600) into the data
// directory, the API takes that token and no other, and a restart keeps it.
func TestServeBootstrapToken(t *testing.T) {
	dir := t.TempDir()
	s := newServerProc(t, dir)
	s.envToken, s.token = false, ""
	s.start()

	path := filepath.Join(dir, "bootstrap-token")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("serve without SECEXPORT_BOOTSTRAP_TOKEN: %v", err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("%s has mode %v; want 0600", path, perm)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(string(b))
	if len(token) < 32 {
		t.Fatalf("bootstrap token %q is too short to be a secret", token)
	}
	s.token = token

	list := "/subscriptions/" + testSub + "/providers/Microsoft.Security/automations?api-version=" + autoVersion
	if code, body := s.mustCall(http.MethodGet, list, nil); code != http.StatusOK {
		t.Fatalf("GET automations with the bootstrap token: HTTP %d: %s", code, body)
	}

	ctx := context.Background()
	for _, tc := range []struct {
		name, method, path, auth string
		want                     int
		wantCode                 string // ARM error code, for 401s
	}{
		{"no token", http.MethodGet, list, "", http.StatusUnauthorized, "AuthenticationFailed"},
		{"wrong token", http.MethodGet, list, "Bearer not-" + token, http.StatusUnauthorized, "InvalidAuthenticationToken"},
		{"not a bearer token", http.MethodGet, list, "Basic " + token, http.StatusUnauthorized, "AuthenticationFailed"},
		{"ingest without a token", http.MethodPost, "/ingest", "", http.StatusUnauthorized, "AuthenticationFailed"},
		{"metrics without a token", http.MethodGet, "/metrics", "", http.StatusUnauthorized, "AuthenticationFailed"},
		{"healthz needs no token", http.MethodGet, "/healthz", "", http.StatusOK, ""},
		{"readyz needs no token", http.MethodGet, "/readyz", "", http.StatusOK, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body []byte
			if tc.method == http.MethodPost {
				body = []byte("{}\n")
			}
			code, b, err := s.callAs(ctx, tc.auth, tc.method, tc.path, body)
			if err != nil {
				t.Fatal(err)
			}
			if code != tc.want {
				t.Fatalf("HTTP %d, want %d: %s", code, tc.want, b)
			}
			if tc.wantCode == "" {
				return
			}
			var e struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(b, &e); err != nil || e.Error.Code != tc.wantCode || e.Error.Message == "" {
				t.Errorf("body %s; want an ARM error with code %s and a message", b, tc.wantCode)
			}
			if bytes.Contains(b, []byte(token)) {
				t.Errorf("the error body echoes the token: %s", b)
			}
		})
	}

	s.stop()
	s.start()
	if b2, _ := os.ReadFile(path); strings.TrimSpace(string(b2)) != token {
		t.Errorf("the bootstrap token changed across a restart")
	}
	if code, body := s.mustCall(http.MethodGet, list, nil); code != http.StatusOK {
		t.Errorf("GET automations with the bootstrap token after a restart: HTTP %d: %s", code, body)
	}
}

// TestCommands runs the command line in process.
func TestCommands(t *testing.T) {
	t.Setenv("SECEXPORT_BOOTSTRAP_TOKEN", "")
	for _, tc := range []struct {
		name       string
		args       []string
		wantErr    bool
		wantStdout *regexp.Regexp
		wantStderr *regexp.Regexp
	}{
		{"version", []string{"version"}, false, regexp.MustCompile(`^secexport \S+\n$`), nil},
		{"help", []string{"help"}, false, regexp.MustCompile(`(?s)^usage: secexport <command>.*serve.*version`), nil},
		{"no command", nil, true, nil, regexp.MustCompile(`^usage: secexport <command>`)},
		{"unknown command", []string{"frobnicate"}, true, nil, regexp.MustCompile(`^usage: secexport <command>`)},
		{"unknown serve flag", []string{"serve", "--no-such-flag"}, true, nil, regexp.MustCompile(`flag provided but not defined: -no-such-flag`)},
		{"bad log level", []string{"serve", "--data", t.TempDir(), "--listen", "127.0.0.1:0", "--log-level", "loud"}, true, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, strings.NewReader(""), &stdout, &stderr)
			if (err != nil) != tc.wantErr {
				t.Fatalf("run(%q) = %v; want error %v\nstderr: %s", tc.args, err, tc.wantErr, stderr.String())
			}
			if tc.wantStdout != nil && !tc.wantStdout.MatchString(stdout.String()) {
				t.Errorf("stdout %q; want it to match %s", stdout.String(), tc.wantStdout)
			}
			if tc.wantStderr != nil && !tc.wantStderr.MatchString(stderr.String()) {
				t.Errorf("stderr %q; want it to match %s", stderr.String(), tc.wantStderr)
			}
			if tc.wantErr && tc.wantStdout == nil && stdout.Len() > 0 {
				t.Errorf("a failing command wrote to stdout: %q", stdout.String())
			}
		})
	}
}
