package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// eventSummary is what the streaming tests compare of an exported assessment:
// the record's id, the change action and the status code.
func eventSummary(t *testing.T, d delivery) string {
	t.Helper()
	p := d.json(t)
	enr, _ := p["assessmentEventDataEnrichment"].(map[string]any)
	props, _ := p["properties"].(map[string]any)
	status, _ := props["status"].(map[string]any)
	return fmt.Sprintf("%v %v %v", p["id"], enr["action"], status["code"])
}

func summaries(t *testing.T, ds []delivery) []string {
	t.Helper()
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = eventSummary(t, d)
	}
	return out
}

func wantSequence(t *testing.T, what string, got []delivery, want ...string) {
	t.Helper()
	g := summaries(t, got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %s\nwant %s", what, strings.Join(g, "\n     "), strings.Join(want, "\n     "))
	}
}

// TestStreamingAssessments drives assessments through the ARM API and checks
// what four automations deliver. Every Logic App action posts its events one
// at a time in outbox order (one lane), so an event that arrives proves that
// every earlier event of that action was delivered before it: the last event
// each automation must get is a sentinel for the ones it must not get.
func TestStreamingAssessments(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withLanes(1))
	rc := newReceiver(t)
	const rg = "automations"
	e.putMetadata(testSub, "sev-high", "High severity recommendation", "High")
	e.putMetadata(testSub, "sev-low", "Low severity recommendation", "Low")

	e.putAutomation(testSub, rg, "all", automationSpec{uri: rc.URL + "/all"})
	e.putAutomation(testSub, rg, "rg-a-only", automationSpec{uri: rc.URL + "/rga", scope: "/subscriptions/" + testSub + "/resourceGroups/rg-a"})
	e.putAutomation(testSub, rg, "disabled", automationSpec{uri: rc.URL + "/off", disabled: true})
	// String comparison is case-insensitive: "high" matches "High".
	e.putAutomation(testSub, rg, "high-only", automationSpec{uri: rc.URL + "/high", sources: []any{
		source("Assessments", []map[string]string{rule("properties.metadata.severity", "String", "Equals", "high")}),
	}})

	vm1, vm2, vm3, vm4 := vmID(testSub, "rg-a", "vm1"), vmID(testSub, "rg-b", "vm2"), vmID(testSub, "rg-a", "vm3"), vmID(testSub, "rg-b", "vm4")
	id := func(vm, md string) string { return vm + "/providers/Microsoft.Security/assessments/" + md }

	mustStatus(t, e.putAssessment(vm1, "sev-high", "Healthy"), http.StatusCreated)    // new: exported
	mustStatus(t, e.putAssessment(vm1, "sev-high", "Healthy"), http.StatusOK)         // identical: not exported
	mustStatus(t, e.putAssessment(vm2, "sev-low", "Healthy"), http.StatusCreated)     // new, rg-b, low
	mustStatus(t, e.putAssessment(vm1, "sev-high", "Unhealthy"), http.StatusOK)       // status change: exported
	mustStatus(t, e.putAssessment(vm1, "sev-high", "Unhealthy"), http.StatusOK)       // identical again
	mustStatus(t, e.do(http.MethodDelete, assessmentPath(vm1, "sev-high"), nil), 200) // delete: exported as Delete
	mustStatus(t, e.putAssessment(vm3, "sev-low", "Unhealthy"), http.StatusCreated)   // sentinel for rg-a-only
	mustStatus(t, e.putAssessment(vm4, "sev-high", "Healthy"), http.StatusCreated)    // sentinel for high-only

	all := rc.waitAccepted(t, "/all", 6)
	rga := rc.waitAccepted(t, "/rga", 4)
	high := rc.waitAccepted(t, "/high", 4)

	wantSequence(t, "subscription-wide automation", all,
		id(vm1, "sev-high")+" Insert Healthy",
		id(vm2, "sev-low")+" Insert Healthy",
		id(vm1, "sev-high")+" Insert Unhealthy",
		id(vm1, "sev-high")+" Delete Unhealthy",
		id(vm3, "sev-low")+" Insert Unhealthy",
		id(vm4, "sev-high")+" Insert Healthy",
	)
	wantSequence(t, "automation scoped to rg-a", rga,
		id(vm1, "sev-high")+" Insert Healthy",
		id(vm1, "sev-high")+" Insert Unhealthy",
		id(vm1, "sev-high")+" Delete Unhealthy",
		id(vm3, "sev-low")+" Insert Unhealthy",
	)
	wantSequence(t, "automation with a severity rule", high,
		id(vm1, "sev-high")+" Insert Healthy",
		id(vm1, "sev-high")+" Insert Unhealthy",
		id(vm1, "sev-high")+" Delete Unhealthy",
		id(vm4, "sev-high")+" Insert Healthy",
	)

	// Every event carries a unique event id and its source; the payload has
	// the exported shape.
	seen := map[string]bool{}
	for _, d := range all {
		id := d.eventID()
		if id == "" || seen[id] {
			t.Errorf("event id %q is empty or repeated", id)
		}
		seen[id] = true
		if got := d.Header.Get("X-Secexport-Event-Source"); got != "Assessments" {
			t.Errorf("X-Secexport-Event-Source: got %q", got)
		}
		if ct := d.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type: got %q", ct)
		}
		p := d.json(t)
		if p["type"] != "Microsoft.Security/assessments" || p["tenantId"] == nil {
			t.Errorf("payload type/tenantId: %v %v", p["type"], p["tenantId"])
		}
		for _, block := range []string{"assessmentEventDataEnrichment", "securityEventDataEnrichment"} {
			enr, _ := p[block].(map[string]any)
			if enr["apiVersion"] != "2019-01-01" || enr["isSnapshot"] != false {
				t.Errorf("%s: got %v", block, p[block])
			}
		}
		md, _ := p["properties"].(map[string]any)["metadata"].(map[string]any)
		if md["severity"] == nil || md["displayName"] == nil {
			t.Errorf("exported assessment lacks its metadata: %s", d.Body)
		}
	}

	// The disabled automation got nothing; once enabled, it gets only what
	// changes from then on.
	if got := rc.accepted("/off"); len(got) != 0 {
		t.Errorf("disabled automation received %d events: %v", len(got), summaries(t, got))
	}
	r := e.do(http.MethodPatch, automationPath(testSub, rg, "disabled"), `{"properties":{"isEnabled":true}}`)
	mustStatus(t, r, http.StatusOK)
	vm5 := vmID(testSub, "rg-c", "vm5")
	mustStatus(t, e.putAssessment(vm5, "sev-low", "Unhealthy"), http.StatusCreated)
	off := rc.waitAccepted(t, "/off", 1)
	wantSequence(t, "automation enabled late", off, id(vm5, "sev-low")+" Insert Unhealthy")

	// And disabling it again stops it.
	r = e.do(http.MethodPatch, automationPath(testSub, rg, "disabled"), `{"properties":{"isEnabled":false}}`)
	mustStatus(t, r, http.StatusOK)
	rep := e.ingest(assessmentLine(vmID(testSub, "rg-c", "vm6"), "sev-low", "Unhealthy"))
	if rep.Events != 1 { // "all" only
		t.Errorf("after disabling: the change was queued for %d actions, want 1 (report %+v)", rep.Events, rep)
	}
}

// assessmentLine is an NDJSON ingest line for an assessment whose metadata is registered.
func assessmentLine(resourceID, name, code string) string {
	return fmt.Sprintf(`{"id":%q,"type":"Microsoft.Security/assessments","properties":{"resourceDetails":{"source":"Azure","id":%q},"status":{"code":%q}}}`,
		resourceID+"/providers/Microsoft.Security/assessments/"+name, resourceID, code)
}

// TestStreamingMatchCounts checks, through the ingest report, for how many
// actions each change was queued: the precise answer to "which automations
// matched", independent of delivery timing.
func TestStreamingMatchCounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	e.putMetadata(testSub, "sev-high", "High", "High")
	e.putMetadata(testSub, "sev-med", "Medium", "Medium")
	const rg = "automations"
	e.putAutomation(testSub, rg, "all", automationSpec{uri: rc.URL + "/all"})
	e.putAutomation(testSub, rg, "rg-a-only", automationSpec{uri: rc.URL + "/rga", scope: "/subscriptions/" + testSub + "/resourceGroups/RG-A"})
	e.putAutomation(testSub, rg, "disabled", automationSpec{uri: rc.URL + "/off", disabled: true})
	// Two rule sets, OR-ed; inside the second, two rules, AND-ed.
	e.putAutomation(testSub, rg, "rules", automationSpec{uri: rc.URL + "/rules", sources: []any{
		source("Assessments",
			[]map[string]string{rule("properties.metadata.severity", "String", "Equals", "High")},
			[]map[string]string{
				rule("properties.metadata.severity", "String", "Equals", "Medium"),
				rule("properties.status.code", "String", "Equals", "Unhealthy"),
			}),
	}})
	// Alerts only: never matches an assessment.
	e.putAutomation(testSub, rg, "alerts", automationSpec{uri: rc.URL + "/alerts", sources: []any{source("Alerts")}})
	// Another subscription's automation never sees this one's records.
	e.putAutomation(otherSub, rg, "elsewhere", automationSpec{uri: rc.URL + "/elsewhere"})
	// The built-in policy's shape of rule set: name Contains <recommendation>
	// AND severity; JPaths with a leading "$.", scope paths in other case.
	e.putAutomation(testSub, rg, "policy", automationSpec{uri: rc.URL + "/policy", scope: "/SUBSCRIPTIONS/" + strings.ToUpper(testSub), sources: []any{
		source("Assessments", []map[string]string{
			rule("name", "String", "Contains", "SEV-HIGH"),
			rule("$.properties.metadata.severity", "String", "Equals", "High"),
			rule("type", "String", "Contains", "Microsoft.Security/assessments"),
		}),
	}})
	e.putAutomation(testSub, rg, "high-alerts", automationSpec{uri: rc.URL + "/high-alerts", sources: []any{
		source("Alerts", []map[string]string{rule("Severity", "String", "Equals", "high")}),
	}})

	tests := []struct {
		name string
		line string
		want int
	}{
		{"high, rg-a, new", assessmentLine(vmID(testSub, "rg-a", "vm1"), "sev-high", "Healthy"), 4}, // all, rg-a-only, rules, policy
		{"high, rg-a, identical", assessmentLine(vmID(testSub, "rg-a", "vm1"), "sev-high", "Healthy"), 0},
		{"high, rg-a, status change", assessmentLine(vmID(testSub, "rg-a", "vm1"), "sev-high", "Unhealthy"), 4},
		{"medium healthy, rg-b", assessmentLine(vmID(testSub, "rg-b", "vm2"), "sev-med", "Healthy"), 1},     // all
		{"medium unhealthy, rg-b", assessmentLine(vmID(testSub, "rg-b", "vm2"), "sev-med", "Unhealthy"), 2}, // all, rules
		{"delete, rg-a", fmt.Sprintf(`{"id":%q,"deleted":true}`, vmID(testSub, "rg-a", "vm1")+"/providers/Microsoft.Security/assessments/sev-high"), 4},
		{"high alert", alertLine(t, alertID(testSub, "rg-b", "westeurope", "a1")), 2}, // alerts, high-alerts
		{"low alert", strings.Replace(alertLine(t, alertID(testSub, "rg-b", "westeurope", "a2")), `"severity":"High"`, `"severity":"Low"`, 1), 1},
	}
	for _, tt := range tests {
		rep := e.ingest(tt.line)
		if rep.Accepted != 1 || rep.Events != tt.want {
			t.Errorf("%s: accepted %d, queued for %d actions, want %d (report %+v)", tt.name, rep.Accepted, rep.Events, tt.want, rep)
		}
	}
	rc.waitAccepted(t, "/all", 5)
	rc.waitAccepted(t, "/rga", 3)
	rc.waitAccepted(t, "/rules", 4)
	rc.waitAccepted(t, "/policy", 3)
	rc.waitAccepted(t, "/alerts", 2)
	rc.waitAccepted(t, "/high-alerts", 1)
	for _, p := range []string{"/off", "/elsewhere"} {
		if n := len(rc.attemptsTo(p)); n != 0 {
			t.Errorf("%s received %d events, want none", p, n)
		}
	}
}

// TestConcurrentCreates: concurrent PUTs of one new resource create it once.
func TestConcurrentCreates(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	e.putMetadata(testSub, "md", "Recommendation", "High")
	e.putAutomation(testSub, "automations", "all", automationSpec{uri: rc.URL + "/all"})
	const n = 16
	vm := vmID(testSub, "rg", "vm")
	type result struct{ assessment, automation int }
	results := make(chan result, n)
	for range n {
		go func() {
			a := e.putAssessment(vm, "md", "Unhealthy")
			b := e.do(http.MethodPut, automationPath(testSub, "automations", "raced"), automationSpec{uri: rc.URL + "/raced"}.body(testSub))
			results <- result{a.Status, b.Status}
		}()
	}
	created := map[string]int{}
	for range n {
		r := <-results
		for what, status := range map[string]int{"assessment": r.assessment, "automation": r.automation} {
			switch status {
			case http.StatusCreated:
				created[what]++
			case http.StatusOK:
			default:
				t.Errorf("%s PUT: HTTP %d", what, status)
			}
		}
	}
	if created["assessment"] != 1 || created["automation"] != 1 {
		t.Errorf("201s: got %v, want one each", created)
	}
	// The new assessment is exported once; the sentinel (a status change of
	// the same record) comes after it.
	mustStatus(t, e.putAssessment(vm, "md", "Healthy"), http.StatusOK)
	id := vm + "/providers/Microsoft.Security/assessments/md"
	waitFor(t, 5*time.Second, "the sentinel", func() bool {
		for _, d := range rc.accepted("/all") {
			if eventSummary(t, d) == id+" Insert Healthy" {
				return true
			}
		}
		return false
	})
	wantSequence(t, "events", rc.accepted("/all"), id+" Insert Unhealthy", id+" Insert Healthy")
}

// TestDeleteAutomationStopsDelivery: deleting an automation whose destination
// is down stops its retries at once, and its dead letters go with it.
func TestDeleteAutomationStopsDelivery(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	rc.setRespond(func(string, int) int { return http.StatusServiceUnavailable })
	e.putMetadata(testSub, "md", "Recommendation", "High")
	e.putAutomation(testSub, "automations", "down", automationSpec{uri: rc.URL + "/down"})
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm"), "md", "Unhealthy"), http.StatusCreated)
	waitFor(t, 5*time.Second, "retries", func() bool { return len(rc.attemptsTo("/down")) >= 3 })
	start := time.Now()
	mustStatus(t, e.do(http.MethodDelete, automationPath(testSub, "automations", "down"), nil), http.StatusOK)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("DELETE took %v with a destination down", d)
	}
	n := len(rc.attemptsTo("/down"))
	// The longest backoff is 200 ms: a worker still running would retry
	// within this window.
	time.Sleep(500 * time.Millisecond)
	if m := len(rc.attemptsTo("/down")); m != n {
		t.Errorf("%d more attempts after the automation was deleted", m-n)
	}
	wantARMError(t, e.do(http.MethodGet, deadLettersPath(testSub, "automations", "down", ""), nil), http.StatusNotFound, "ResourceNotFound")
	if pending, _ := metricSum(e.metrics(), "secexport_outbox_pending"); pending != 0 {
		t.Errorf("secexport_outbox_pending after delete: %v", pending)
	}
}

// TestSecretsStayOutOfLogs: a Logic App that cannot be reached is retried
// and logged, but its trigger URL, which carries a signature, never is.
func TestSecretsStayOutOfLogs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.putMetadata(testSub, "md", "Recommendation", "High")
	uri := "http://127.0.0.1:1/workflows/trigger?sig=" + secretSig
	e.putAutomation(testSub, "automations", "unreachable", automationSpec{uri: uri})
	mustStatus(t, e.putAssessment(vmID(testSub, "rg", "vm"), "md", "Unhealthy"), http.StatusCreated)
	waitFor(t, 5*time.Second, "two retries", func() bool {
		n, _ := metricSum(e.metrics(), "secexport_delivery_retries_total")
		return n >= 2
	})
	if !strings.Contains(e.logs.String(), "delivery failed") {
		t.Errorf("the failure was not logged:\n%s", e.logs.String())
	}
	for what, text := range map[string]string{"log": e.logs.String(), "metrics": e.metrics(),
		"automation": string(e.do(http.MethodGet, automationPath(testSub, "automations", "unreachable"), nil).Body)} {
		if strings.Contains(text, secretSig) || strings.Contains(text, "127.0.0.1:1/workflows") {
			t.Errorf("the %s carries the trigger URL", what)
		}
	}
}
