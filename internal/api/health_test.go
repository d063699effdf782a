package api_test

import (
	"net/http"
	"testing"
)

func TestHealthNeedsNoToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tt := range []struct{ path, body string }{{"/healthz", "ok\n"}, {"/readyz", "ready\n"}} {
		for _, headers := range []map[string]string{nil, {"Authorization": "Bearer wrong"}} {
			r := e.doWith(http.MethodGet, tt.path, nil, headers)
			if r.Status != http.StatusOK || string(r.Body) != tt.body {
				t.Errorf("GET %s (headers %v): got %s, want 200 %q", tt.path, headers, r, tt.body)
			}
		}
	}
	// Everything else needs it.
	for _, path := range []string{"/metrics", automationsListPath(testSub, ""), "/ingest"} {
		r := e.doWith(http.MethodGet, path, nil, nil)
		wantARMError(t, r, http.StatusUnauthorized, "AuthenticationFailed")
		if r.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("GET %s: 401 without WWW-Authenticate", path)
		}
	}
}

func TestReadyzStoreDown(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withSelfClose())
	mustStatus(t, e.doWith(http.MethodGet, "/readyz", nil, nil), http.StatusOK)
	if err := e.Engine.Close(); err != nil {
		t.Fatal(err)
	}
	r := e.doWith(http.MethodGet, "/readyz", nil, nil)
	if r.Status != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the store closed: got %s, want 503", r)
	}
	// Liveness does not depend on the store.
	mustStatus(t, e.doWith(http.MethodGet, "/healthz", nil, nil), http.StatusOK)
}
