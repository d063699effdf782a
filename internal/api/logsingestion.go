package api

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/posture/armjson"
	"github.com/secexport/secexport/internal/workspace"
)

// The Azure Monitor Logs Ingestion API for the embedded workspaces:
// POST /dataCollectionRules/{customerId}/streams/Custom-{Table}?api-version=2023-01-01
// with a JSON array of records, as Azure's clients send it to a data
// collection endpoint. The workspace's customerId stands for the rule's
// immutable id; stream Custom-{Table} writes to the table.

const (
	ingestionAPIVersion = "2023-01-01"
	// maxIngestionBody is the API's limit of a call.
	maxIngestionBody = 1 << 20
	// maxIngestionInflated bounds a gzip body once inflated.
	maxIngestionInflated = 16 << 20
)

func (s *Server) logsIngestion(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodPost {
		return methodNotAllowed(r, "POST")
	}
	if v := r.URL.Query().Get("api-version"); v != ingestionAPIVersion {
		return &laError{Status: http.StatusBadRequest, Code: "InvalidApiVersion", Message: "the api-version must be " + ingestionAPIVersion + ", not \"" + v + "\""}
	}
	id := strings.ToLower(r.PathValue("ruleId"))
	ws, err := s.Engine.Workspaces.Workspace(r.Context(), id)
	if errors.Is(err, workspace.ErrNotFound) {
		return &laError{Status: http.StatusNotFound, Code: "NotFound", Message: "no data collection rule " + r.PathValue("ruleId") + ": use the customerId of a workspace registered in secexport"}
	}
	if err != nil {
		return err
	}
	stream := r.PathValue("stream")
	table, ok := workspace.TableNamed(strings.TrimPrefix(stream, "Custom-"))
	if !ok || !strings.HasPrefix(stream, "Custom-") {
		var names []string
		for _, t := range workspace.Tables() {
			names = append(names, "Custom-"+t.Name)
		}
		return &laError{Status: http.StatusBadRequest, Code: "InvalidStream", Message: "the stream " + stream + " is not one of " + strings.Join(names, ", ")}
	}
	body, err := s.readBody(w, r, maxIngestionBody)
	if err != nil {
		return err
	}
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return &laError{Status: http.StatusBadRequest, Code: "InvalidContentEncoding", Message: "the body is not gzip: " + err.Error()}
		}
		if body, err = io.ReadAll(io.LimitReader(zr, maxIngestionInflated+1)); err != nil {
			return &laError{Status: http.StatusBadRequest, Code: "InvalidContentEncoding", Message: "the body is not gzip: " + err.Error()}
		}
		if len(body) > maxIngestionInflated {
			return &laError{Status: http.StatusRequestEntityTooLarge, Code: "RequestEntityTooLarge", Message: "the inflated body is over 16 MB"}
		}
	}
	body, err = armjson.Compact(body)
	if err != nil || !armjson.IsArray(body) {
		return &laError{Status: http.StatusBadRequest, Code: "InvalidRequestBody", Message: "the body must be a JSON array of records"}
	}
	elems, err := armjson.Elements(body)
	if err != nil {
		return err
	}
	now := time.Now()
	rows := make([]workspace.Row, 0, len(elems))
	for i, rec := range elems {
		row, err := workspace.RecordRow(table, rec, workspace.Meta{TenantID: ws.CustomerID, Time: now})
		if err != nil {
			return &laError{Status: http.StatusBadRequest, Code: "InvalidRequestBody", Message: "record " + strconv.Itoa(i) + ": " + err.Error()}
		}
		rows = append(rows, row)
	}
	if err := s.Engine.Workspaces.Append(r.Context(), ws.CustomerID, rows); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
