package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// This file holds the other side of the durability tests: the records fed to
// the server, and a Logic App stand-in that records what it is sent and checks
// it against what the server committed.

// vmAssessment names one assessment: that of testAssessNm on a virtual machine.
type vmAssessment struct{ rg, vm string }

func (a vmAssessment) resource() string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Compute/virtualMachines/%s", testSub, a.rg, a.vm)
}

func (a vmAssessment) id() string {
	return a.resource() + "/providers/Microsoft.Security/assessments/" + testAssessNm
}

// key is the record's identity as the receiver sees it.
func (a vmAssessment) key() string { return strings.ToLower(a.id()) }

// line is the assessment as an NDJSON line, with inline metadata, in health
// state code; step goes into status.description so that every version of the
// record can be told apart where it arrives.
func (a vmAssessment) line(code string, step int) []byte {
	return fmt.Appendf(nil, `{"id":%q,"type":"Microsoft.Security/assessments","properties":{"resourceDetails":{"source":"Azure","id":%q},"status":{"code":%q,"description":"step %d"},"metadata":{"displayName":"Linux virtual machines should enable Azure Disk Encryption or EncryptionAtHost","assessmentType":"BuiltIn","severity":"High","categories":["Compute"],"userImpact":"Moderate","implementationEffort":"Low","threats":["DataExfiltration"],"description":"Durability test recommendation.","remediationDescription":"Enable encryption."}}}`,
		a.id(), a.resource(), code, step)
}

// statusOf reads properties.status.code and the step in its description.
func statusOf(body []byte) (string, int, error) {
	var v struct {
		Properties struct {
			Status struct{ Code, Description string }
		}
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return "", 0, err
	}
	step, err := strconv.Atoi(strings.TrimPrefix(v.Properties.Status.Description, "step "))
	if err != nil {
		return "", 0, fmt.Errorf("status.description %q: not a step", v.Properties.Status.Description)
	}
	return v.Properties.Status.Code, step, nil
}

func flip(code string) string {
	if code == "Healthy" {
		return "Unhealthy"
	}
	return "Healthy"
}

// delivery is one event as a receiver got it.
type delivery struct {
	eventID, source string
	record          string // lower-cased assessment id
	code            string
	step            int
	at              time.Time
}

// recorder is a Logic App stand-in: an httptest.Server that records what it
// is sent, and can be slow or down.
type recorder struct {
	srv *httptest.Server
	// slow makes about half the requests take a random 0–5 ms.
	slow bool
	// down answers 503 while set, or until downUntil (unix nanoseconds).
	down      atomic.Bool
	downUntil atomic.Int64
	refused   atomic.Int64

	mu  sync.Mutex
	got []delivery
	bad []string
}

func newRecorder(t *testing.T, slow bool) *recorder {
	rc := &recorder{slow: slow}
	rc.srv = httptest.NewServer(rc)
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if rc.down.Load() || time.Now().UnixNano() < rc.downUntil.Load() {
		rc.refused.Add(1)
		http.Error(w, "down for the test", http.StatusServiceUnavailable)
		return
	}
	d := delivery{eventID: r.Header.Get("X-Secexport-Event-Id"), source: r.Header.Get("X-Secexport-Event-Source"), at: time.Now()}
	var v struct{ ID string }
	err = json.Unmarshal(body, &v)
	if err == nil {
		d.record = strings.ToLower(v.ID)
		d.code, d.step, err = statusOf(body)
	}
	rc.mu.Lock()
	if err != nil || r.Method != http.MethodPost || d.eventID == "" {
		rc.bad = append(rc.bad, fmt.Sprintf("%s event id %q: %v: %s", r.Method, d.eventID, err, tail(string(body), 300)))
	} else {
		rc.got = append(rc.got, d)
	}
	rc.mu.Unlock()
	if rc.slow && rand.IntN(2) == 0 {
		time.Sleep(time.Duration(rand.IntN(5001)) * time.Microsecond)
	}
	w.WriteHeader(http.StatusOK)
}

func (rc *recorder) deliveries() ([]delivery, []string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]delivery(nil), rc.got...), append([]string(nil), rc.bad...)
}

// uniqueCount is how many distinct events arrived.
func (rc *recorder) uniqueCount() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	seen := make(map[string]bool, len(rc.got))
	for _, d := range rc.got {
		seen[d.eventID] = true
	}
	return len(seen)
}

// committed is one committed version of a record: an event the server owes.
type committed struct {
	step  int
	code  string
	acked bool // the ingest API acknowledged it (else it was committed by a request whose reply was lost)
}

// deliveryStats sums up what a receiver got.
type deliveryStats struct {
	received, unique, duplicates int
}

// checkDeliveries asserts that got is exactly want, at least once: every
// version of every record arrived; after dropping repeated event ids (as a
// consumer does), each record's versions arrived in the order they were
// committed, with nothing extra; and a version sent twice carried the same
// event id both times.
func checkDeliveries(t *testing.T, want map[string][]committed, got []delivery, bad []string) deliveryStats {
	t.Helper()
	const maxReports = 10
	reports := 0
	report := func(format string, args ...any) {
		t.Helper()
		if reports++; reports <= maxReports {
			t.Errorf(format, args...)
		}
	}
	for _, b := range bad {
		report("malformed delivery: %s", b)
	}
	type recStep struct {
		record string
		step   int
	}
	idOf := map[recStep]string{}
	versionOf := map[string]recStep{}
	seq := map[string][]delivery{} // per record, in arrival order, repeated ids dropped
	st := deliveryStats{received: len(got)}
	for _, d := range got {
		v := recStep{d.record, d.step}
		if d.source != "Assessments" {
			report("event %s of %s step %d: X-Secexport-Event-Source %q, want Assessments", d.eventID, short(d.record), d.step, d.source)
		}
		if prev, ok := versionOf[d.eventID]; ok {
			st.duplicates++
			if prev != v {
				report("event id %s was sent for %s step %d and for %s step %d", d.eventID, short(prev.record), prev.step, short(d.record), d.step)
			}
			continue
		}
		versionOf[d.eventID] = v
		if id, ok := idOf[v]; ok {
			report("%s step %d arrived twice with different event ids %s and %s (a redelivery must keep its id)", short(d.record), d.step, id, d.eventID)
			continue
		}
		idOf[v] = d.eventID
		seq[d.record] = append(seq[d.record], d)
	}
	st.unique = len(versionOf)
	for rec, w := range want {
		g := seq[rec]
		if !sameVersions(w, g) {
			report("%s: arrived %s; want %s (step:state, in order, repeated event ids dropped)", short(rec), fmtDelivered(g), fmtVersions(w))
		}
	}
	for rec, g := range seq {
		if _, ok := want[rec]; !ok {
			report("%s: %d events arrived for a record that was never ingested", short(rec), len(g))
		}
	}
	if reports > maxReports {
		t.Errorf("… and %d more problems", reports-maxReports)
	}
	return st
}

// short names a record in messages by its resource group and machine.
func short(rec string) string {
	_, rest, ok := strings.Cut(rec, "/resourcegroups/")
	if !ok {
		return rec
	}
	rg, rest, _ := strings.Cut(rest, "/")
	if _, vm, ok := strings.Cut(rest, "/virtualmachines/"); ok {
		vm, _, _ = strings.Cut(vm, "/")
		return rg + "/" + vm
	}
	return rec
}

func sameVersions(want []committed, got []delivery) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if want[i].step != got[i].step || want[i].code != got[i].code {
			return false
		}
	}
	return true
}

func fmtVersions(vs []committed) string {
	var b strings.Builder
	for i, v := range vs {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d:%s", v.step, v.code)
		if !v.acked {
			b.WriteString("(unacked)")
		}
	}
	return "[" + b.String() + "]"
}

func fmtDelivered(ds []delivery) string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d:%s", d.step, d.code)
	}
	return "[" + b.String() + "]"
}

// waitFor polls cond every few milliseconds until it holds or timeout passes.
func waitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
}
