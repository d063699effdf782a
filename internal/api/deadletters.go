package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/secexport/secexport/internal/store"
)

type deadLetterJSON struct {
	ID          int64           `json:"id"`
	EventID     string          `json:"eventId"`
	EventSource string          `json:"eventSource"`
	RecordID    string          `json:"recordId"`
	Action      int             `json:"actionIndex"`
	Reason      string          `json:"reason"`
	Attempts    int             `json:"attempts"`
	EventTime   time.Time       `json:"eventTime"`
	Time        time.Time       `json:"deadLetteredTime"`
	Event       json.RawMessage `json:"event"`
}

// deadLetters serves GET …/automations/{name}/deadLetters and
// POST …/automations/{name}/deadLetters/replay (body {"ids": [..]}, optional).
func (s *Server) deadLetters(w http.ResponseWriter, r *http.Request, ap armPath, key string) error {
	a, err := s.Engine.Store.Automation(r.Context(), key)
	if isNotFound(err) {
		return notFound("the automation %s was not found", key)
	}
	if err != nil {
		return err
	}
	switch {
	case len(ap.tail) == 3:
		if r.Method != http.MethodGet {
			return methodNotAllowed(r, "GET")
		}
		afterTok, size, err := page(r)
		if err != nil {
			return err
		}
		after, _ := strconv.ParseInt(afterTok, 10, 64)
		dls, err := s.Engine.Store.DeadLetters(r.Context(), key, after, size+1)
		if err != nil {
			return err
		}
		more := len(dls) > size
		if more {
			dls = dls[:size]
		}
		idx := map[int64]int{}
		for i, id := range a.ActionIDs {
			idx[id] = i
		}
		items := make([]json.RawMessage, len(dls))
		for i, d := range dls {
			act, ok := idx[d.ActionID]
			if !ok {
				act = -1
			}
			items[i], _ = json.Marshal(deadLetterJSON{ID: d.ID, EventID: d.Event.ID, EventSource: string(d.Event.Source), RecordID: d.Event.RecordKey,
				Action: act, Reason: d.Reason, Attempts: d.Attempts, EventTime: d.Event.Time, Time: d.Time, Event: d.Event.Payload})
		}
		last := ""
		if len(dls) > 0 {
			last = strconv.FormatInt(dls[len(dls)-1].ID, 10)
		}
		writeList(w, r, items, more, last)
		return nil
	case len(ap.tail) == 4 && ap.lower[3] == "replay":
		if r.Method != http.MethodPost {
			return methodNotAllowed(r, "POST")
		}
		body, err := s.readBody(w, r, s.MaxBody)
		if err != nil {
			return err
		}
		var req struct {
			IDs []int64 `json:"ids"`
		}
		if len(body) > 0 {
			if err := json.Unmarshal(body, &req); err != nil {
				return badRequest("InvalidRequestContent", "the body must be {\"ids\": [dead letter ids]} or empty: %v", err)
			}
		}
		var actions []int64
		var n int
		err = s.Engine.Store.Write(r.Context(), func(tx *store.Tx) error {
			var err error
			actions, n, err = tx.ReplayDeadLetters(key, req.IDs)
			return err
		})
		if err != nil {
			return err
		}
		s.Engine.Delivery.Notify(actions)
		writeJSON(w, http.StatusOK, map[string]int{"replayed": n})
		return nil
	}
	return errorf(http.StatusNotFound, "NotFound", "no API at %s %s", r.Method, r.URL.Path)
}
