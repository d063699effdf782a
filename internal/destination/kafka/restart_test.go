package kafka

import (
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/model"
)

// The broker goes away between two Sends and comes back on the same port with
// its log: the Send made while it is down fails retryably, the deliverer's
// retry of that batch succeeds, and every event is there to consume.
func TestSendSurvivesBrokerRestart(t *testing.T) {
	dir := t.TempDir()
	first, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.DataDir(dir), kfake.SeedTopics(3, "t"))
	if err != nil {
		t.Fatal(err)
	}
	addr := first.ListenAddrs()[0]
	_, portStr, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(portStr)

	d := newDestination(t, Config{Brokers: []string{addr}, Topic: "t"})
	a, b, c := makeEvents("a", 100, 5, 500), makeEvents("b", 100, 5, 500), makeEvents("c", 100, 5, 500)

	if err := d.Send(ctxTimeout(t, 5*time.Second), a); err != nil {
		first.Close()
		t.Fatalf("before the restart: %v", err)
	}
	first.Close()

	err = d.Send(ctxTimeout(t, time.Second), b)
	if err == nil {
		t.Fatal("Send succeeded while the broker was down")
	}
	if deliver.IsPermanent(err) {
		t.Fatalf("broker down is permanent; want retryable: %v", err)
	}
	t.Logf("while down: %v", err)

	second := newCluster(t, kfake.Ports(port), kfake.DataDir(dir))
	retry := func(batch []model.Event) {
		t.Helper()
		for try := 1; ; try++ {
			err := d.Send(ctxTimeout(t, 2*time.Second), batch)
			if err == nil {
				return
			}
			if try == 5 {
				t.Fatalf("after the restart, try %d: %v", try, err)
			}
			t.Logf("after the restart, try %d: %v", try, err)
		}
	}
	retry(b)
	retry(c)

	all := append(append(append([]model.Event{}, a...), b...), c...)
	want := make(map[string]int, len(all))
	for i, e := range all {
		want[e.ID] = i
	}
	recs := consume(t, second.ListenAddrs(), "t", len(all))
	lastPerKey := map[string]int{}
	for _, r := range recs {
		id := header(r, HeaderEventID)
		i, ok := want[id]
		if !ok {
			continue // a duplicate; the event id lets consumers drop it
		}
		delete(want, id)
		if last, ok := lastPerKey[string(r.Key)]; ok && i < last {
			t.Errorf("key %s: event %d arrived after event %d", r.Key, i, last)
		}
		lastPerKey[string(r.Key)] = i
	}
	if len(want) != 0 {
		t.Errorf("%d of %d events lost across the restart", len(want), len(all))
	}
	if extra := len(recs) - len(all); extra > 0 {
		t.Logf("%d duplicates", extra)
	}
}
