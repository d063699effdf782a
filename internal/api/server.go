// Package api serves secexport's HTTP API: Azure Resource Manager-shaped
// resources (Microsoft.Security automations, assessments, assessment metadata,
// alerts), NDJSON ingestion, dead letters, health and metrics.
package api

import (
	"context"
	"crypto/subtle"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/secexport/secexport/internal/engine"
)

// Server is the HTTP API.
type Server struct {
	Engine *engine.Engine
	// Token is the bearer token every API call must carry.
	Token string
	// MaxBody bounds request bodies for ARM calls; MaxIngestBody for /ingest.
	MaxBody, MaxIngestBody int64
	Gatherer               prometheus.Gatherer
	Log                    *slog.Logger
	// DemoReceiver, when set, is served at /demo/receiver without a token, so
	// the demo tenant's automations have somewhere to deliver.
	DemoReceiver http.Handler
}

// handlerFunc is an HTTP handler that returns its error.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handler returns the server's routes.
func (s *Server) Handler() http.Handler {
	if s.MaxBody == 0 {
		s.MaxBody = 4 << 20
	}
	if s.MaxIngestBody == 0 {
		s.MaxIngestBody = 256 << 20
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	mux.HandleFunc("GET /readyz", s.ready)
	mux.Handle("GET /metrics", s.auth(promhttp.HandlerFor(s.Gatherer, promhttp.HandlerOpts{})))
	mux.Handle("POST /ingest", s.auth(s.handle(s.ingest)))
	mux.Handle("/ingest", s.auth(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return methodNotAllowed(r, "POST")
	})))
	mux.Handle("/v1/workspaces/{workspaceId}/query", s.auth(s.handleLA(s.query)))
	mux.Handle("/dataCollectionRules/{ruleId}/streams/{stream}", s.auth(s.handleLA(s.logsIngestion)))
	mux.Handle("/", s.auth(s.handle(s.arm)))
	if s.DemoReceiver != nil {
		mux.Handle("/demo/receiver", s.DemoReceiver)
	}
	return mux
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, _, err := s.Engine.Store.Record(ctx, "/readiness-probe"); err != nil && !isNotFound(err) {
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	io.WriteString(w, "ready\n")
}

func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				err = errorf(http.StatusRequestEntityTooLarge, "RequestEntityTooLarge", "the request body is larger than the limit of %d bytes", mbe.Limit)
			}
			writeError(w, r, s.Log, err)
		}
	})
}

// auth requires "Authorization: Bearer <token>".
func (s *Server) auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.Token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="secexport"`)
			msg := "the request has no bearer token; send Authorization: Bearer <token>"
			code := "AuthenticationFailed"
			if ok {
				msg, code = "the bearer token is not valid", "InvalidAuthenticationToken"
			}
			writeError(w, r, s.Log, errorf(http.StatusUnauthorized, code, "%s", msg))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// readBody reads a request body up to the limit.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		return nil, err
	}
	return body, nil
}
