package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/workspace"
)

// The Azure Monitor Logs query API for the embedded workspaces:
// POST /v1/workspaces/{customerId}/query {"query", "timespan"} and
// GET …/query?query=&timespan=, answered as Log Analytics answers, so the
// Azure SDKs' logs query clients work against secexport unchanged.

// laError is a Log Analytics data-plane error:
// {"error":{"code","message","innererror":{…}}}.
type laError struct {
	Status     int
	Code       string
	Message    string
	InnerError map[string]any
}

func (e *laError) Error() string { return e.Code + ": " + e.Message }

// handleLA serves a data-plane handler, writing its errors as Log Analytics
// does.
func (s *Server) handleLA(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		var le *laError
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &le):
		case errors.As(err, &mbe):
			le = &laError{Status: http.StatusRequestEntityTooLarge, Code: "RequestEntityTooLarge", Message: "the request body is larger than the limit"}
		default:
			var ae *Error
			if errors.As(err, &ae) {
				le = &laError{Status: ae.Status, Code: ae.Code, Message: ae.Message}
				break
			}
			s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
			le = &laError{Status: http.StatusInternalServerError, Code: "InternalServerError", Message: "the request failed on the server; see its log"}
		}
		body := map[string]any{"code": le.Code, "message": le.Message}
		if le.InnerError != nil {
			body["innererror"] = le.InnerError
		}
		writeJSON(w, le.Status, map[string]any{"error": body})
	})
}

func badArgument(format string, args ...any) *laError {
	e := errorf(http.StatusBadRequest, "BadArgumentError", format, args...)
	return &laError{Status: e.Status, Code: e.Code, Message: e.Message}
}

// query serves /v1/workspaces/{workspaceId}/query.
func (s *Server) query(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Query      *string  `json:"query"`
		Timespan   string   `json:"timespan"`
		Workspaces []string `json:"workspaces"`
	}
	switch r.Method {
	case http.MethodPost:
		body, err := s.readBody(w, r, s.MaxBody)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(body, &req); err != nil {
			return badArgument("the request body is not a query: %v", err)
		}
	case http.MethodGet:
		q := r.URL.Query()
		if q.Has("query") {
			v := q.Get("query")
			req.Query = &v
		}
		req.Timespan = q.Get("timespan")
	default:
		return methodNotAllowed(r, "GET", "POST")
	}
	if req.Query == nil || strings.TrimSpace(*req.Query) == "" {
		return badArgument("the query is missing: send {\"query\": \"<KQL>\"}")
	}
	if len(req.Workspaces) > 0 {
		return badArgument("queries across workspaces (\"workspaces\") are not supported; query one workspace at a time")
	}
	id := strings.ToLower(r.PathValue("workspaceId"))
	svc := s.Engine.Workspaces
	span, err := workspace.ParseTimespan(req.Timespan, time.Now())
	if err != nil {
		return badArgument("%v", err)
	}
	wait, err := queryTimeout(r.Header.Values("Prefer"))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), wait)
	defer cancel()
	res, err := svc.Query(ctx, id, *req.Query, span)
	if err != nil && ctx.Err() == context.DeadlineExceeded {
		return &laError{Status: http.StatusGatewayTimeout, Code: "GatewayTimeout",
			Message: fmt.Sprintf("the query ran longer than its time limit of %s; send Prefer: wait=N (seconds, at most %d) for more", wait, int(maxQueryTimeout.Seconds()))}
	}
	var qe *workspace.QueryError
	var ee *workspace.EngineError
	switch {
	case errors.Is(err, workspace.ErrNotFound):
		return &laError{Status: http.StatusNotFound, Code: "WorkspaceNotFoundError", Message: "the workspace " + r.PathValue("workspaceId") + " could not be found"}
	case errors.As(err, &qe):
		return queryError(qe)
	case errors.As(err, &ee):
		e := badArgument("the query failed to run")
		e.InnerError = map[string]any{"code": "QueryExecutionError", "message": ee.Err.Error()}
		return e
	case err != nil:
		return err
	}
	b, err := res.MarshalJSON()
	if err != nil {
		return err
	}
	writeRaw(w, http.StatusOK, b)
	return nil
}

// Log Analytics runs a query for 3 minutes unless the client's Prefer
// header asks for another limit (wait=N seconds), of at most 10 minutes; a
// query that runs longer fails with 504 Gateway Timeout.
const (
	defaultQueryTimeout = 3 * time.Minute
	maxQueryTimeout     = 10 * time.Minute
)

// queryTimeout reads the wait preference of the Prefer headers.
func queryTimeout(prefer []string) (time.Duration, error) {
	for _, h := range prefer {
		for _, pref := range strings.Split(h, ",") {
			name, value, ok := strings.Cut(strings.TrimSpace(pref), "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(name), "wait") {
				continue
			}
			n, err := strconv.Atoi(strings.Trim(strings.TrimSpace(value), `"`))
			if err != nil || n < 1 {
				return 0, badArgument("the Prefer header's wait must be a number of seconds, not %q", value)
			}
			return min(time.Duration(n)*time.Second, maxQueryTimeout), nil
		}
	}
	return defaultQueryTimeout, nil
}

// queryError is a compile error as Log Analytics reports one: the outer
// BadArgumentError, the kind of problem, and the compiler's error with its
// line and position.
func queryError(qe *workspace.QueryError) *laError {
	kind, msg := "SemanticError", "A semantic error occurred."
	if strings.HasPrefix(qe.Code, "SYN") {
		kind, msg = "SyntaxError", "A recognition error occurred in the query."
	}
	e := badArgument("The request had some invalid properties")
	e.InnerError = map[string]any{
		"code":    kind,
		"message": msg,
		"innererror": map[string]any{
			"code":    qe.Code,
			"message": qe.Message,
			"line":    qe.Line,
			"pos":     qe.Col,
			"offset":  qe.Pos,
		},
	}
	return e
}
