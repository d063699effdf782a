package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// feeder changes assessments from several goroutines, each owning its own
// records, and keeps the ledger of every version the server committed: those
// it acknowledged, and those committed by requests whose reply was lost to a
// kill (learned by reading the record back once the server is up again).
type feeder struct {
	s   *serverProc
	ctx context.Context // cancelled when the test ends early

	acked, unacked, requests, lostReplies atomic.Int64

	mu       sync.Mutex
	want     map[string][]committed
	problems []string
}

func (f *feeder) commit(rec string, v committed) {
	f.mu.Lock()
	f.want[rec] = append(f.want[rec], v)
	f.mu.Unlock()
	if v.acked {
		f.acked.Add(1)
	} else {
		f.unacked.Add(1)
	}
}

func (f *feeder) problem(format string, args ...any) {
	f.mu.Lock()
	f.problems = append(f.problems, fmt.Sprintf(format, args...))
	f.mu.Unlock()
}

func (f *feeder) problemList() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.problems...)
}

func (f *feeder) committedCount() int64 { return f.acked.Load() + f.unacked.Load() }

// feed loops until stop is closed: each request changes the health state of a
// random set of distinct records of this goroutine, so every line is an
// exportable change.
func (f *feeder) feed(stop <-chan struct{}, w, n int) {
	rng := rand.New(rand.NewPCG(uint64(w), 42))
	recs := make([]vmAssessment, n)
	for i := range recs {
		recs[i] = vmAssessment{rg: "rg-crash", vm: fmt.Sprintf("vm-%d-%02d", w, i)}
	}
	codes := make([]string, n) // committed health state ("" while absent)
	steps := make([]int, n)    // committed step (0 while absent)
	step := 0
	for {
		select {
		case <-stop:
			return
		case <-f.ctx.Done():
			return
		default:
		}
		picked := rng.Perm(n)[:1+rng.IntN(n)]
		lines := make([][]byte, len(picked))
		tries := make([]committed, len(picked))
		for j, i := range picked {
			step++
			tries[j] = committed{step: step, code: flip(codes[i])}
			lines[j] = recs[i].line(tries[j].code, step)
		}
		ctx, cancel := context.WithTimeout(f.ctx, 20*time.Second)
		code, rep, err := f.s.ingest(ctx, lines)
		cancel()
		f.requests.Add(1)
		if err == nil && code == http.StatusOK && rep.Changed == len(lines) && rep.Rejected == 0 {
			for j, i := range picked {
				codes[i], steps[i] = tries[j].code, tries[j].step
				tries[j].acked = true
				f.commit(recs[i].key(), tries[j])
			}
			continue
		}
		if err == nil && code == http.StatusOK {
			f.problem("ingest of %d changes acknowledged as %+v; want every line changed", len(lines), rep)
		}
		// No usable reply: the request may or may not have been applied.
		f.lostReplies.Add(1)
		if !f.resolve(recs, picked, tries, codes, steps) {
			return
		}
	}
}

// resolve reads back, once the server answers again, the records of a request
// whose reply was lost, and records the versions it did commit.
func (f *feeder) resolve(recs []vmAssessment, picked []int, tries []committed, codes []string, steps []int) bool {
	ctx, cancel := context.WithTimeout(f.ctx, 40*time.Second)
	defer cancel()
	for j, i := range picked {
		for {
			if !f.s.waitReady(ctx) {
				if f.ctx.Err() == nil {
					f.problem("%s: the server did not come back within 40s to read it back", recs[i].id())
				}
				return false
			}
			code, st, found, err := f.s.getAssessment(ctx, recs[i])
			if err != nil {
				time.Sleep(10 * time.Millisecond) // the server went away again
				continue
			}
			switch {
			case found && st == tries[j].step && code == tries[j].code:
				codes[i], steps[i] = code, st
				f.commit(recs[i].key(), tries[j])
			case st == steps[i] && code == codes[i] && found == (st != 0):
				// Not applied.
			default:
				f.problem("%s: read back %s step %d (found %v) after a lost reply; the server had %s step %d, the request set %s step %d",
					recs[i].id(), code, st, found, codes[i], steps[i], tries[j].code, tries[j].step)
			}
			break
		}
	}
	return true
}

// wanted counts how many of want's versions have arrived at rc.
func wanted(rc *recorder, want map[string][]committed) (arrived, total int) {
	got, _ := rc.deliveries()
	seen := make(map[string]map[int]bool)
	for _, d := range got {
		if seen[d.record] == nil {
			seen[d.record] = map[int]bool{}
		}
		seen[d.record][d.step] = true
	}
	for rec, vs := range want {
		for _, v := range vs {
			total++
			if seen[rec][v.step] {
				arrived++
			}
		}
	}
	return arrived, total
}

// TestCrashLosesNoAcknowledgedEvent kills the server with SIGKILL twice while
// changes stream in from several clients — once with deliveries in flight, once
// while the destination is down so the backlog is on disk only — and asserts
// that every acknowledged change (and every change committed by a request
// whose reply the kill lost) arrives, in order per record, duplicates keeping
// their event id.
func TestCrashLosesNoAcknowledgedEvent(t *testing.T) {
	const (
		feeders    = 4
		perFeeder  = 20 // records each feeder owns
		phaseLimit = 30 * time.Second
	)
	begin := time.Now()
	s := newServerProc(t, t.TempDir())
	s.start()
	rc := newRecorder(t, true)
	autoKey := s.putAutomation("rg-secops", "crash-export", rc.srv.URL+"/trigger?sig=test")

	ctx, cancel := context.WithCancel(context.Background())
	f := &feeder{s: s, ctx: ctx, want: map[string][]committed{}}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range feeders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.feed(stop, w, perFeeder)
		}()
	}
	stopped := false
	stopFeeding := func() {
		if !stopped {
			stopped = true
			close(stop)
			wg.Wait()
		}
	}
	defer func() {
		cancel() // a failed test does not wait for feeders to read back records
		stopFeeding()
	}()

	// phase waits until more changes than n were acknowledged since it was
	// called, and cond (if any) holds.
	phase := func(name string, n int64, cond func() bool) {
		t.Helper()
		target := f.acked.Load() + n
		if !waitFor(phaseLimit, func() bool { return f.acked.Load() >= target && (cond == nil || cond()) }) {
			t.Fatalf("%s: %d changes acknowledged (want %d), %d events received, receiver refused %d, problems %q",
				name, f.acked.Load(), target, rc.uniqueCount(), rc.refused.Load(), f.problemList())
		}
	}
	backlog := func() int64 { return f.committedCount() - int64(rc.uniqueCount()) }

	// 1. Kill while deliveries are in flight and a backlog is queued.
	phase("before the first kill", 400, func() bool { return rc.uniqueCount() >= 100 && backlog() > 0 })
	backlogAtKill1 := backlog()
	s.kill()
	s.start()
	phase("after the first restart", 300, nil)

	// 2. Kill while the destination is down: the backlog is on disk only.
	rc.down.Store(true)
	phase("destination down", 300, func() bool { return rc.refused.Load() > 0 })
	pendingBefore := pendingOf(t, s, autoKey)
	if pendingBefore <= 0 {
		t.Fatalf("secexport_outbox_pending = %v while the destination is down; want > 0", pendingBefore)
	}
	backlogAtKill2 := backlog()
	s.kill()
	s.start()
	if pendingAfter := pendingOf(t, s, autoKey); pendingAfter < pendingBefore {
		t.Errorf("secexport_outbox_pending went from %v before the kill to %v after the restart, with the destination down; the queue must survive kill -9",
			pendingBefore, pendingAfter)
	}
	phase("after the second restart, destination still down", 200, nil)
	rc.down.Store(false)
	phase("destination back", 100, nil)
	stopFeeding()

	for _, p := range f.problemList() {
		t.Error(p)
	}
	if !waitFor(phaseLimit, func() bool { a, n := wanted(rc, f.want); return a == n }) {
		a, n := wanted(rc, f.want)
		t.Errorf("only %d of %d committed changes arrived within %v", a, n, phaseLimit)
	}
	got, bad := rc.deliveries()
	st := checkDeliveries(t, f.want, got, bad)
	if !waitFor(10*time.Second, func() bool { return pendingOf(t, s, autoKey) == 0 }) {
		t.Errorf("secexport_outbox_pending = %v after everything arrived; want 0", pendingOf(t, s, autoKey))
	}
	t.Logf("%d requests (%d replies lost to kills); %d changes acknowledged, %d more committed without a reply; "+
		"backlog ≈%d at the first kill, ≈%d at the second (outbox_pending %v); %d deliveries, %d distinct events, %d duplicates; %v",
		f.requests.Load(), f.lostReplies.Load(), f.acked.Load(), f.unacked.Load(),
		backlogAtKill1, backlogAtKill2, pendingBefore, st.received, st.unique, st.duplicates, time.Since(begin).Round(time.Millisecond))
}

// pendingOf reads secexport_outbox_pending of the automation's action.
func pendingOf(t *testing.T, s *serverProc, automationKey string) float64 {
	t.Helper()
	v, ok := metric(s.scrape(), "secexport_outbox_pending", map[string]string{"automation": automationKey})
	if !ok {
		t.Fatalf("no secexport_outbox_pending sample for automation %s", automationKey)
	}
	return v
}

// ingestRound changes every record of recs to the next health state as step,
// and adds the versions to want.
func ingestRound(s *serverProc, recs []vmAssessment, step int, want map[string][]committed) {
	s.t.Helper()
	lines := make([][]byte, len(recs))
	for i, r := range recs {
		prev := want[r.key()]
		code := "Healthy"
		if len(prev) > 0 {
			code = flip(prev[len(prev)-1].code)
		}
		want[r.key()] = append(prev, committed{step: step, code: code, acked: true})
		lines[i] = r.line(code, step)
	}
	s.mustIngest(lines)
}

func vmAssessments(rg string, n int) []vmAssessment {
	recs := make([]vmAssessment, n)
	for i := range recs {
		recs[i] = vmAssessment{rg: rg, vm: fmt.Sprintf("vm-%02d", i)}
	}
	return recs
}

// TestOutageHoldsOnlyTheDownDestination has one receiver answer 503 for two
// seconds: a second automation keeps receiving promptly meanwhile, the
// metrics show the outage, and afterwards the first receiver gets everything
// in order.
func TestOutageHoldsOnlyTheDownDestination(t *testing.T) {
	const outage = 2 * time.Second
	s := newServerProc(t, t.TempDir())
	s.start()
	down, healthy := newRecorder(t, false), newRecorder(t, false)
	keyDown := s.putAutomation("rg-secops", "outage-down", down.srv.URL)
	keyUp := s.putAutomation("rg-secops", "outage-healthy", healthy.srv.URL)
	recs := vmAssessments("rg-outage", 30)
	want := map[string][]committed{}

	begin := time.Now()
	upAt := begin.Add(outage)
	down.downUntil.Store(upAt.UnixNano())
	for step := 1; step <= 3; step++ {
		ingestRound(s, recs, step, want)
	}
	total := 3 * len(recs)

	// The healthy destination does not wait for the one that is down.
	if !waitFor(time.Until(upAt), func() bool { return healthy.uniqueCount() >= total }) {
		t.Fatalf("the healthy receiver got %d of %d events during the outage", healthy.uniqueCount(), total)
	}
	healthyTook := time.Since(begin)
	if healthyTook > outage/2 {
		t.Errorf("the healthy receiver got its %d events %v after ingest began, during a %v outage of the other destination; want well before it ends",
			total, healthyTook, outage)
	}

	// The metrics show the outage while it lasts.
	var report string
	seen := waitFor(time.Until(upAt)-100*time.Millisecond, func() bool {
		m := s.scrape()
		a, okA := actionOf(m, keyDown)
		b, okB := actionOf(m, keyUp)
		if !okA || !okB {
			report = "no secexport_outbox_pending samples for the automations"
			return false
		}
		retries, _ := metric(m, "secexport_delivery_retries_total", map[string]string{"action": a})
		pending, _ := metric(m, "secexport_outbox_pending", map[string]string{"action": a})
		up, okUp := metric(m, "secexport_destination_up", map[string]string{"action": a})
		pendingB, _ := metric(m, "secexport_outbox_pending", map[string]string{"action": b})
		upB, _ := metric(m, "secexport_destination_up", map[string]string{"action": b})
		report = fmt.Sprintf("down action %s: retries_total %v, outbox_pending %v, destination_up %v (present %v); healthy action %s: outbox_pending %v, destination_up %v",
			a, retries, pending, up, okUp, b, pendingB, upB)
		return retries > 0 && pending > 0 && okUp && up == 0 && pendingB == 0 && upB == 1
	})
	if !seen {
		t.Errorf("during the outage the metrics never showed it: %s", report)
	} else if time.Now().After(upAt) {
		t.Errorf("the metrics were read after the outage ended; cannot tell (%s)", report)
	}
	if down.refused.Load() == 0 {
		t.Errorf("the receiver that was down was never tried during the outage")
	}

	// After the outage, everything arrives, in order.
	if !waitFor(15*time.Second, func() bool { return down.uniqueCount() >= total }) {
		t.Fatalf("after the outage the receiver got %d of %d events", down.uniqueCount(), total)
	}
	gotDown, badDown := down.deliveries()
	stDown := checkDeliveries(t, want, gotDown, badDown)
	gotUp, badUp := healthy.deliveries()
	stUp := checkDeliveries(t, want, gotUp, badUp)
	recovered := gotDown[len(gotDown)-1].at.Sub(upAt)
	for _, d := range gotDown {
		if d.at.Before(upAt) {
			t.Errorf("event %s was recorded during the outage", d.eventID)
			break
		}
	}
	t.Logf("healthy receiver: %d events in %v (%d duplicates); down receiver: refused %d attempts, got all %d events %v after it came back (%d duplicates)",
		stUp.unique, healthyTook.Round(time.Millisecond), stUp.duplicates, down.refused.Load(), stDown.unique, recovered.Round(time.Millisecond), stDown.duplicates)
}

// TestRestartKeepsAutomations checks that automations created before a
// restart, clean or kill -9, still route after it without being PUT again.
func TestRestartKeepsAutomations(t *testing.T) {
	dir := t.TempDir()
	s := newServerProc(t, dir)
	s.start()
	rc := newRecorder(t, false)
	autoKey := s.putAutomation("rg-secops", "restart-export", rc.srv.URL)
	recs := vmAssessments("rg-restart", 10)
	want := map[string][]committed{}
	// waitAll waits until n events arrived and the server recorded them as
	// delivered.
	waitAll := func(when string, n int) {
		t.Helper()
		if !waitFor(15*time.Second, func() bool { return rc.uniqueCount() >= n }) {
			t.Fatalf("%s: the receiver got %d of %d events", when, rc.uniqueCount(), n)
		}
		if !waitFor(10*time.Second, func() bool { return pendingOf(t, s, autoKey) == 0 }) {
			t.Fatalf("%s: secexport_outbox_pending = %v after every event arrived", when, pendingOf(t, s, autoKey))
		}
	}

	ingestRound(s, recs, 1, want)
	waitAll("before any restart", 10)

	s.stop()
	s.start()
	path := automationPath("rg-secops", "restart-export") + "?api-version=" + autoVersion
	if code, b := s.mustCall(http.MethodGet, path, nil); code != http.StatusOK {
		t.Fatalf("GET the automation after a restart: HTTP %d: %s", code, b)
	}
	ingestRound(s, recs, 2, want)
	waitAll("after a clean restart", 20)
	if got, _ := rc.deliveries(); len(got) != 20 {
		t.Errorf("%d deliveries of 20 events: a clean restart with nothing pending sent delivered events again", len(got))
	}

	s.kill()
	s.start()
	ingestRound(s, recs, 3, want)
	waitAll("after kill -9 and a restart", 30)

	got, bad := rc.deliveries()
	st := checkDeliveries(t, want, got, bad)
	if _, err := os.Stat(filepath.Join(dir, "bootstrap-token")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("with SECEXPORT_BOOTSTRAP_TOKEN set, the data directory got a bootstrap-token file (stat: %v)", err)
	}
	t.Logf("%d events, %d duplicates across a clean restart and a kill -9", st.unique, st.duplicates)
}
