package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/secexport/secexport/internal/ingest"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
	"github.com/secexport/secexport/internal/posture/armjson"
)

// ingestChunk bounds how many lines go into one durable write.
const ingestChunk = 5000

type lineError struct {
	Line  int    `json:"line"`
	ID    string `json:"id,omitempty"`
	Error string `json:"error"`
}

type ingestReport struct {
	Accepted  int         `json:"accepted"`
	Rejected  int         `json:"rejected"`
	Changed   int         `json:"changed"`
	Unchanged int         `json:"unchanged"`
	Deleted   int         `json:"deleted"`
	Events    int         `json:"events"`
	Errors    []lineError `json:"errors,omitempty"`
}

// ingest takes NDJSON: one ARM-shaped record per line, or
// {"id": "…", "deleted": true} to delete one. Lines are applied in order; the
// reply counts accepted and rejected lines and says why each rejected line was.
// It is sent only after the accepted lines are durable.
func (s *Server) ingest(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readBody(w, r, s.MaxIngestBody)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return badRequest("InvalidRequestContent", "the request body is empty; send NDJSON, one record per line")
	}
	var rep ingestReport
	md := metadataResolver{st: s.Engine.Store}
	var changes []ingest.Change
	var lines []int
	var ids []string // the ids as sent, for the report
	flush := func() error {
		if len(changes) == 0 {
			return nil
		}
		results, err := s.Engine.Pipeline.Apply(r.Context(), changes)
		if err != nil {
			return err
		}
		for i, res := range results {
			switch {
			case res.Err != nil:
				rep.Rejected++
				rep.Errors = append(rep.Errors, lineError{Line: lines[i], ID: ids[i], Error: res.Err.Error()})
				continue
			case changes[i].Delete:
				rep.Deleted++
			case res.Changed:
				rep.Changed++
			default:
				rep.Unchanged++
			}
			rep.Accepted++
			rep.Events += res.Events
		}
		changes, lines, ids = changes[:0], lines[:0], ids[:0]
		return nil
	}
	n := 0
	for len(body) > 0 {
		var line []byte
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			line, body = body, nil
		}
		n++
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		c, err := s.parseLine(r, &md, line)
		if err != nil {
			rep.Rejected++
			rep.Errors = append(rep.Errors, lineError{Line: n, ID: lineID(line), Error: err.Error()})
			continue
		}
		changes, lines = append(changes, c), append(lines, n)
		ids = append(ids, sentID(c, line))
		if len(changes) >= ingestChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

func (s *Server) parseLine(r *http.Request, md *metadataResolver, line []byte) (ingest.Change, error) {
	if bytes.Contains(line, []byte(`"deleted"`)) {
		var d struct {
			ID      string `json:"id"`
			Deleted bool   `json:"deleted"`
		}
		if err := json.Unmarshal(line, &d); err != nil {
			return ingest.Change{}, fmt.Errorf("not valid JSON: %w", err)
		}
		if d.Deleted {
			if !strings.HasPrefix(d.ID, "/subscriptions/") {
				return ingest.Change{}, fmt.Errorf("id: a deletion needs the record's ARM id, not %q", d.ID)
			}
			return ingest.Change{Record: model.Record{Key: strings.ToLower(d.ID)}, Delete: true}, nil
		}
	}
	rec, err := posture.Parse(line)
	if err != nil {
		return ingest.Change{}, err
	}
	if rec, err = md.resolve(r.Context(), rec); err != nil {
		return ingest.Change{}, err
	}
	return ingest.Change{Record: rec}, nil
}

// sentID is the id of an accepted line as its producer wrote it.
func sentID(c ingest.Change, line []byte) string {
	if c.Delete {
		return lineID(line)
	}
	if id, ok := armjson.Unquote(armjson.Lookup(c.Record.Body, "id")); ok {
		return id
	}
	return c.Record.Key
}

// lineID extracts a rejected line's id, when it has one, for the report.
func lineID(line []byte) string {
	var v struct {
		ID string `json:"id"`
	}
	json.Unmarshal(line, &v)
	return v.ID
}
