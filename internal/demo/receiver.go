package demo

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"time"
)

// Receiver is a stand-in for a Logic App: it accepts exported events by POST
// and shows the latest ones on GET, newest first.
type Receiver struct {
	mu     sync.Mutex
	events []received
	total  int
}

type received struct {
	Time    time.Time       `json:"receivedTime"`
	EventID string          `json:"eventId"`
	Source  string          `json:"eventSource"`
	Event   json.RawMessage `json:"event"`
}

const keep = 50

func (rc *Receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodPost:
		body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
		if err != nil || !json.Valid(body) {
			http.Error(w, "expected a JSON event", http.StatusBadRequest)
			return
		}
		rc.mu.Lock()
		rc.total++
		rc.events = append(rc.events, received{time.Now().UTC(), r.Header.Get("X-Secexport-Event-Id"), r.Header.Get("X-Secexport-Event-Source"), body})
		if len(rc.events) > keep {
			rc.events = rc.events[len(rc.events)-keep:]
		}
		rc.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	case http.MethodGet:
		rc.mu.Lock()
		out := struct {
			Total  int        `json:"total"`
			Latest []received `json:"latest"`
		}{Total: rc.total}
		for i := len(rc.events) - 1; i >= 0; i-- {
			out.Latest = append(out.Latest, rc.events[i])
		}
		rc.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	default:
		http.Error(w, "use POST to deliver, GET to look", http.StatusMethodNotAllowed)
	}
}
