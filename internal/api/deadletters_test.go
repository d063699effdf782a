package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

type deadLetter struct {
	ID          int64           `json:"id"`
	EventID     string          `json:"eventId"`
	EventSource string          `json:"eventSource"`
	RecordID    string          `json:"recordId"`
	ActionIndex int             `json:"actionIndex"`
	Reason      string          `json:"reason"`
	Attempts    int             `json:"attempts"`
	EventTime   time.Time       `json:"eventTime"`
	Time        time.Time       `json:"deadLetteredTime"`
	Event       json.RawMessage `json:"event"`
}

func (e *env) deadLetters(sub, rg, name string) []deadLetter {
	e.t.Helper()
	r := e.do(http.MethodGet, deadLettersPath(sub, rg, name, ""), nil)
	mustStatus(e.t, r, http.StatusOK)
	return decode[struct {
		Value []deadLetter `json:"value"`
	}](e.t, r.Body).Value
}

func TestDeadLettersAndReplay(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	const rg = "automations"
	e.putMetadata(testSub, "md", "Recommendation", "High")
	e.putAutomation(testSub, rg, "refused", automationSpec{uri: rc.URL + "/refuses"})
	rc.setRespond(func(path string, _ int) int {
		if path == "/refuses" {
			return http.StatusBadRequest
		}
		return http.StatusOK
	})

	vm := vmID(testSub, "rg", "vm1")
	mustStatus(t, e.putAssessment(vm, "md", "Unhealthy"), http.StatusCreated)
	var dls []deadLetter
	waitFor(t, 5*time.Second, "a dead letter", func() bool {
		dls = e.deadLetters(testSub, rg, "refused")
		return len(dls) == 1
	})
	attempt := rc.attemptsTo("/refuses")
	if len(attempt) != 1 {
		t.Errorf("a 400 was retried: %d attempts, want 1", len(attempt))
	}
	dl := dls[0]
	recordID := strings.ToLower(vm + "/providers/Microsoft.Security/assessments/md")
	if dl.EventSource != "Assessments" || !strings.EqualFold(dl.RecordID, recordID) || dl.ActionIndex != 0 || dl.Attempts != 1 ||
		!strings.Contains(dl.Reason, "400") || dl.EventID == "" || dl.EventID != attempt[0].eventID() || dl.Time.IsZero() || dl.EventTime.IsZero() {
		t.Errorf("dead letter: got %+v", dl)
	}
	if canonical(t, dl.Event) != canonical(t, attempt[0].Body) {
		t.Errorf("dead letter event differs from what was posted:\n got %s\nwant %s", dl.Event, attempt[0].Body)
	}

	// Fix the receiver and replay: delivered once, with the same event id; no dead letters left.
	rc.setRespond(nil)
	r := e.do(http.MethodPost, deadLettersPath(testSub, rg, "refused", "/replay"), nil)
	mustStatus(t, r, http.StatusOK)
	if got := canonical(t, r.Body); got != `{"replayed":1}` {
		t.Errorf("replay: got %s", got)
	}
	delivered := rc.waitAccepted(t, "/refuses", 1)
	if delivered[0].eventID() != dl.EventID || canonical(t, delivered[0].Body) != canonical(t, dl.Event) {
		t.Errorf("replayed event: id %q body %s, want id %q body %s", delivered[0].eventID(), delivered[0].Body, dl.EventID, dl.Event)
	}
	if got := e.deadLetters(testSub, rg, "refused"); len(got) != 0 {
		t.Errorf("dead letters after replay: %+v", got)
	}
	r = e.do(http.MethodPost, deadLettersPath(testSub, rg, "refused", "/replay"), `{"ids":[]}`)
	mustStatus(t, r, http.StatusOK)
	if got := canonical(t, r.Body); got != `{"replayed":0}` {
		t.Errorf("second replay: got %s", got)
	}

	// Replay by id replays only those.
	rc.setRespond(func(string, int) int { return http.StatusNotFound })
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm2"), "md", "Unhealthy"), http.StatusCreated)
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm3"), "md", "Unhealthy"), http.StatusCreated)
	waitFor(t, 5*time.Second, "two dead letters", func() bool { dls = e.deadLetters(testSub, rg, "refused"); return len(dls) == 2 })
	rc.setRespond(nil)
	r = e.do(http.MethodPost, deadLettersPath(testSub, rg, "refused", "/replay"), map[string]any{"ids": []int64{dls[1].ID}})
	mustStatus(t, r, http.StatusOK)
	if got := canonical(t, r.Body); got != `{"replayed":1}` {
		t.Errorf("replay by id: got %s", got)
	}
	delivered = rc.waitAccepted(t, "/refuses", 2)
	if delivered[1].eventID() != dls[1].EventID {
		t.Errorf("replayed %q, want %q", delivered[1].eventID(), dls[1].EventID)
	}
	if left := e.deadLetters(testSub, rg, "refused"); len(left) != 1 || left[0].ID != dls[0].ID {
		t.Errorf("dead letters left: %+v, want only %d", left, dls[0].ID)
	}

	// Errors: bad replay body, unknown automation, wrong methods.
	wantARMError(t, e.do(http.MethodPost, deadLettersPath(testSub, rg, "refused", "/replay"), `{"ids":"all"}`), http.StatusBadRequest, "InvalidRequestContent")
	wantARMError(t, e.do(http.MethodGet, deadLettersPath(testSub, rg, "nope", ""), nil), http.StatusNotFound, "ResourceNotFound")
	wantARMError(t, e.do(http.MethodPost, deadLettersPath(testSub, rg, "nope", "/replay"), nil), http.StatusNotFound, "ResourceNotFound")
	wantARMError(t, e.do(http.MethodDelete, deadLettersPath(testSub, rg, "refused", ""), nil), http.StatusMethodNotAllowed, "MethodNotAllowed")
	wantARMError(t, e.do(http.MethodGet, deadLettersPath(testSub, rg, "refused", "/replay"), nil), http.StatusMethodNotAllowed, "MethodNotAllowed")
	wantARMError(t, e.doWith(http.MethodGet, deadLettersPath(testSub, rg, "refused", ""), nil, nil), http.StatusUnauthorized, "AuthenticationFailed")
	if left := e.deadLetters(testSub, rg, "refused"); len(left) != 1 {
		t.Errorf("a bad request changed the dead letters: %+v", left)
	}
}

func TestDeliveryRetriesThenSucceeds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	const rg = "automations"
	e.putMetadata(testSub, "md", "Recommendation", "High")
	e.putAutomation(testSub, rg, "flaky", automationSpec{uri: rc.URL + "/flaky"})
	// 503 three times, then a 429, then 200.
	rc.setRespond(func(path string, attempt int) int {
		switch {
		case attempt <= 3:
			return http.StatusServiceUnavailable
		case attempt == 4:
			return http.StatusTooManyRequests
		}
		return http.StatusOK
	})
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm1"), "md", "Unhealthy"), http.StatusCreated)
	got := rc.waitAccepted(t, "/flaky", 1)
	all := rc.attemptsTo("/flaky")
	if len(all) != 5 {
		t.Errorf("attempts: got %d, want 5 (3×503, 429, 200)", len(all))
	}
	for _, a := range all {
		if a.eventID() != got[0].eventID() || string(a.Body) != string(got[0].Body) {
			t.Errorf("a retry changed the event: id %q vs %q", a.eventID(), got[0].eventID())
		}
	}
	if dls := e.deadLetters(testSub, rg, "flaky"); len(dls) != 0 {
		t.Errorf("dead letters: %+v", dls)
	}

	m := e.metrics()
	for _, name := range []string{"secexport_exported_events_total", "secexport_delivery_retries_total", "secexport_dead_letters_total", "secexport_outbox_pending"} {
		if _, ok := metricSum(m, name); !ok {
			t.Errorf("/metrics has no %s", name)
		}
	}
	waitFor(t, 5*time.Second, "metrics to settle", func() bool {
		m = e.metrics()
		exported, _ := metricSum(m, "secexport_exported_events_total")
		pending, _ := metricSum(m, "secexport_outbox_pending")
		return exported == 1 && pending == 0
	})
	if retries, _ := metricSum(m, "secexport_delivery_retries_total"); retries != 4 {
		t.Errorf("secexport_delivery_retries_total: got %v, want 4", retries)
	}
	if dead, _ := metricSum(m, "secexport_dead_letters_total"); dead != 0 {
		t.Errorf("secexport_dead_letters_total: got %v, want 0", dead)
	}
}

func TestMetricsCountDeadLettersAndBacklog(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	const rg = "automations"
	e.putMetadata(testSub, "md", "Recommendation", "High")
	e.putAutomation(testSub, rg, "refused", automationSpec{uri: rc.URL + "/refuses"})
	rc.setRespond(func(string, int) int { return http.StatusForbidden })
	for _, vm := range []string{"vm1", "vm2", "vm3"} {
		mustStatus(t, e.putAssessment(vmID(testSub, "rg", vm), "md", "Unhealthy"), http.StatusCreated)
	}
	waitFor(t, 5*time.Second, "three dead letters", func() bool { return len(e.deadLetters(testSub, rg, "refused")) == 3 })
	m := e.metrics()
	if dead, _ := metricSum(m, "secexport_dead_letters_total"); dead != 3 {
		t.Errorf("secexport_dead_letters_total: got %v, want 3", dead)
	}
	if held, _ := metricSum(m, "secexport_dead_letters"); held != 3 {
		t.Errorf("secexport_dead_letters: got %v, want 3", held)
	}
	if exported, _ := metricSum(m, "secexport_exported_events_total"); exported != 0 {
		t.Errorf("secexport_exported_events_total: got %v, want 0", exported)
	}
	if pending, ok := metricSum(m, "secexport_outbox_pending"); !ok || pending != 0 {
		t.Errorf("secexport_outbox_pending: got %v (present %v), want 0", pending, ok)
	}

	// A destination that is down holds its events as pending.
	e.putAutomation(testSub, rg, "down", automationSpec{uri: rc.URL + "/down"})
	rc.setRespond(func(path string, _ int) int {
		if path == "/down" {
			return http.StatusServiceUnavailable
		}
		return http.StatusForbidden
	})
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm4"), "md", "Unhealthy"), http.StatusCreated)
	waitFor(t, 5*time.Second, "a retry", func() bool { return len(rc.attemptsTo("/down")) >= 2 })
	m = e.metrics()
	if pending, _ := metricSum(m, "secexport_outbox_pending"); pending < 1 {
		t.Errorf("secexport_outbox_pending with a destination down: got %v, want ≥ 1", pending)
	}
	if !strings.Contains(m, `secexport_outbox_pending{action=`) && !strings.Contains(m, `secexport_outbox_pending{automation=`) {
		t.Errorf("secexport_outbox_pending has no labels:\n%s", m)
	}
}

func TestDeadLettersPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	rc.setRespond(func(string, int) int { return http.StatusGone })
	e.putMetadata(testSub, "md", "Recommendation", "High")
	e.putAutomation(testSub, "automations", "refused", automationSpec{uri: rc.URL + "/refuses"})
	for _, vm := range []string{"vm1", "vm2", "vm3"} {
		mustStatus(t, e.putAssessment(vmID(testSub, "rg", vm), "md", "Unhealthy"), http.StatusCreated)
	}
	waitFor(t, 5*time.Second, "three dead letters", func() bool { return len(e.deadLetters(testSub, "automations", "refused")) == 3 })
	type page struct {
		Value    []deadLetter `json:"value"`
		NextLink string       `json:"nextLink"`
	}
	r := e.do(http.MethodGet, deadLettersPath(testSub, "automations", "refused", "")+"&$top=2", nil)
	mustStatus(t, r, http.StatusOK)
	p1 := decode[page](t, r.Body)
	if len(p1.Value) != 2 || !strings.HasPrefix(p1.NextLink, e.URL+"/") {
		t.Fatalf("first page: %d items, nextLink %q", len(p1.Value), p1.NextLink)
	}
	r = e.do(http.MethodGet, strings.TrimPrefix(p1.NextLink, e.URL), nil)
	mustStatus(t, r, http.StatusOK)
	p2 := decode[page](t, r.Body)
	if len(p2.Value) != 1 || p2.NextLink != "" || p2.Value[0].ID <= p1.Value[1].ID {
		t.Errorf("second page: %+v", p2)
	}
}

// TestRotatedTriggerURIKeepsQueue: regenerating a Logic App's trigger URL
// (a new signature for the same logicAppResourceId) and updating the
// automation with it must not lose what the old URL did not take: neither
// the dead letters nor the events still queued.
func TestRotatedTriggerURIKeepsQueue(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	// The old URL's key was revoked: 401 (permanent) for one record, and the
	// host is down (503) for the other.
	rc.setRespond(func(path string, _ int) int {
		if path == "/old" {
			return http.StatusUnauthorized
		}
		if path == "/old-down" {
			return http.StatusServiceUnavailable
		}
		return http.StatusOK
	})
	e.putMetadata(testSub, "md", "Recommendation", "High")
	e.putAutomation(testSub, "automations", "rotated", automationSpec{uri: rc.URL + "/old?sig=1"})
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm1"), "md", "Unhealthy"), http.StatusCreated)
	waitFor(t, 5*time.Second, "a dead letter", func() bool { return len(e.deadLetters(testSub, "automations", "rotated")) == 1 })

	e.putAutomation(testSub, "automations", "rotated", automationSpec{uri: rc.URL + "/new?sig=2"})
	if dls := e.deadLetters(testSub, "automations", "rotated"); len(dls) != 1 {
		t.Fatalf("dead letters after rotating the uri: got %d, want 1", len(dls))
	}
	mustStatus(t, e.do(http.MethodPost, deadLettersPath(testSub, "automations", "rotated", "/replay"), nil), http.StatusOK)
	rc.waitAccepted(t, "/new", 1)

	// Queued events follow the rotation too.
	e.putAutomation(testSub, "automations", "rotated", automationSpec{uri: rc.URL + "/old-down?sig=3"})
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm2"), "md", "Unhealthy"), http.StatusCreated)
	waitFor(t, 5*time.Second, "a retry", func() bool { return len(rc.attemptsTo("/old-down")) >= 2 })
	e.putAutomation(testSub, "automations", "rotated", automationSpec{uri: rc.URL + "/new?sig=4"})
	rc.waitAccepted(t, "/new", 2)
}

// TestRedirectIsNotDelivery: an endpoint that answers a POST with a 302 has
// not received the event. Go's client follows a 301/302/303 with a GET
// without the body; if that GET gets a 200, the event must not count as
// delivered (it would be lost): it is retried or dead-lettered.
func TestRedirectIsNotDelivery(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	type hit struct {
		method, path string
		body         int
	}
	var mu sync.Mutex
	var hits []hit
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		hits = append(hits, hit{r.Method, r.URL.Path, len(b)})
		mu.Unlock()
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "/landing", http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusOK) // a landing page that answers anything
	}))
	t.Cleanup(srv.Close)
	e.putMetadata(testSub, "md", "Recommendation", "High")
	e.putAutomation(testSub, "automations", "moved", automationSpec{uri: srv.URL + "/moved"})
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm"), "md", "Unhealthy"), http.StatusCreated)
	waitFor(t, 5*time.Second, "a delivery attempt", func() bool { mu.Lock(); defer mu.Unlock(); return len(hits) > 0 })
	// Either the event is refused for good (dead letter) or still retried;
	// a body-less GET must not have been its delivery.
	var exported float64
	waitFor(t, 5*time.Second, "an outcome", func() bool {
		m := e.metrics()
		exported, _ = metricSum(m, "secexport_exported_events_total")
		retries, _ := metricSum(m, "secexport_delivery_retries_total")
		dead, _ := metricSum(m, "secexport_dead_letters_total")
		return exported+retries+dead > 0
	})
	if exported != 0 {
		mu.Lock()
		t.Errorf("the event counts as delivered; the endpoint saw %+v", hits)
		mu.Unlock()
	}
}

func TestAutomationStatusShowsLagAndLastError(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	const rg = "automations"
	e.putMetadata(testSub, "md", "Recommendation", "High")
	e.putAutomation(testSub, rg, "down", automationSpec{uri: rc.URL + "/down?sig=SECRET"})
	rc.setRespond(func(string, int) int { return http.StatusServiceUnavailable })
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm1"), "md", "Unhealthy"), http.StatusCreated)
	path := strings.Replace(automationPath(testSub, rg, "down"), "?", "/status?", 1)
	type status struct {
		Actions []struct {
			ActionType    string `json:"actionType"`
			Running       bool   `json:"running"`
			Pending       int64  `json:"pending"`
			OldestPending string `json:"oldestPendingTime"`
			LastError     string `json:"lastError"`
			LastErrorTime string `json:"lastErrorTime"`
		} `json:"actions"`
	}
	var st status
	waitFor(t, 5*time.Second, "a failed attempt in the status", func() bool {
		r := e.do(http.MethodGet, path, nil)
		mustStatus(t, r, http.StatusOK)
		if strings.Contains(string(r.Body), "SECRET") {
			t.Fatalf("status shows the trigger URL's secret: %s", r.Body)
		}
		st = status{}
		if err := json.Unmarshal(r.Body, &st); err != nil {
			t.Fatal(err)
		}
		return len(st.Actions) == 1 && st.Actions[0].LastError != ""
	})
	a := st.Actions[0]
	if a.ActionType != "LogicApp" || !a.Running || a.Pending != 1 || a.OldestPending == "" || a.LastErrorTime == "" || !strings.Contains(a.LastError, "503") {
		t.Errorf("status = %+v", a)
	}
	mustStatus(t, e.do(http.MethodGet, strings.Replace(automationPath(testSub, rg, "nope"), "?", "/status?", 1), nil), http.StatusNotFound)
}
