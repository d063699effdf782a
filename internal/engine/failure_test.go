package engine_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/destination/kafka"
	"github.com/secexport/secexport/internal/destination/kafka/kafkatest"
	"github.com/secexport/secexport/internal/engine"
)

// A destination that refuses the credentials holds its events; fixing the
// credentials with a new PUT keeps the queue, and the events go out.
func TestWrongCredentialsHoldQueueUntilFixed(t *testing.T) {
	hub, cs := emulatorHub(t)
	const user, pass = "exporter", "right-scram-pass"
	cluster := kafkatest.Cluster(t, kfake.EnableSASL(), kfake.Superuser("SCRAM-SHA-256", user, pass), kfake.SeedTopics(1, "security"))
	wrongCS := strings.Replace(cs, "c2VjcmV0LWh1Yi1rZXk=", "d3JvbmcteW91LWFyZQ==", 1)
	const wrongPass = "wrong-scram-pass"

	for _, tc := range []struct {
		kind         string
		wrong, right automation.Action
		brokers      []string
		topic        string
		auth         kgo.Opt
		secret       string // what must never show
	}{
		{"EventHub", eventHubAction(wrongCS), eventHubAction(cs), hub.ListenAddrs(), "hub",
			kgo.SASL(plain.Auth{User: "$ConnectionString", Pass: cs}.AsMechanism()), "d3JvbmcteW91LWFyZQ"},
		{"Kafka", kafkaAction(cluster.ListenAddrs(), "security", "SCRAM-SHA-256", user, wrongPass),
			kafkaAction(cluster.ListenAddrs(), "security", "SCRAM-SHA-256", user, pass), cluster.ListenAddrs(), "security",
			kgo.SASL(scram.Auth{User: user, Pass: pass}.AsSha256Mechanism()), wrongPass},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			e := newEnv(t)
			e.put("creds", tc.wrong)
			id := e.actionID("creds")
			want := e.ingest(records("creds", 8)...)
			labels := map[string]string{"destination": tc.kind, "action": strconv.FormatInt(id, 10)}
			// secexport_destination_up starts at 0; a failed attempt stamps the
			// last error's time.
			waitFor(t, "a failed delivery attempt", 10*time.Second, func() bool {
				at, _ := e.metric("secexport_destination_last_error_timestamp_seconds", labels)
				return at >= float64(time.Now().Add(-time.Minute).Unix())
			})
			if up, ok := e.metric("secexport_destination_up", labels); !ok || up != 0 {
				t.Errorf("secexport_destination_up = %v (present %v), want 0", up, ok)
			}
			if n := e.pending(id); n != len(want) {
				t.Fatalf("%d events pending, want %d", n, len(want))
			}
			if v, _ := e.metric("secexport_outbox_pending", map[string]string{"automation": automationKey("creds"), "action": strconv.FormatInt(id, 10)}); v != float64(len(want)) {
				t.Errorf("secexport_outbox_pending = %v, want %d", v, len(want))
			}
			st := status(t, e.eng, id)
			if !strings.Contains(st.LastError, "authentication failed") || st.Pending != int64(len(want)) || st.Oldest.IsZero() || !st.Running || st.Kind != tc.kind {
				t.Errorf("status %+v", st)
			}

			e.put("creds", tc.right)
			if got := e.actionID("creds"); got != id {
				t.Fatalf("fixing the credentials replaced action %d by %d: its queue is lost", id, got)
			}
			recs := kafkatest.Consume(t, tc.brokers, tc.topic, kafka.HeaderEventID, len(want), tc.auth)
			checkRecords(t, recs, want)
			waitFor(t, "the queue to drain", 5*time.Second, func() bool { return e.pending(id) == 0 })
			waitFor(t, "the destination to be marked up", 5*time.Second, func() bool {
				up, _ := e.metric("secexport_destination_up", labels)
				return up == 1
			})
			for _, s := range []string{e.log.String(), fmt.Sprint(status(t, e.eng, id))} {
				if strings.Contains(s, tc.secret) || strings.Contains(s, "SharedAccessKey=") {
					t.Errorf("a secret shows in %s", s)
				}
			}
		})
	}
}

func status(t *testing.T, eng *engine.Engine, id int64) engine.ActionStatus {
	t.Helper()
	all, err := eng.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.ActionID == id {
			return s
		}
	}
	t.Fatalf("no status for action %d in %+v", id, all)
	return engine.ActionStatus{}
}

// Event Hubs takes events up to 1 MB: a larger one goes to dead letters,
// saying so, and the events around it are delivered.
func TestOversizedEventIsDeadLettered(t *testing.T) {
	hub, cs := emulatorHub(t)
	e := newEnv(t)
	e.put("big", eventHubAction(cs))
	id := e.actionID("big")
	small1 := e.ingest(assessment(1, "small-1", 0))
	big := e.ingest(assessment(2, "big", 1<<20))
	small2 := e.ingest(assessment(3, "small-2", 0))
	if len(big[0].payload) <= 1<<20 {
		t.Fatalf("the big event is %d bytes", len(big[0].payload))
	}
	recs := kafkatest.Consume(t, hub.ListenAddrs(), "hub", kafka.HeaderEventID, 2, kgo.SASL(plain.Auth{User: "$ConnectionString", Pass: cs}.AsMechanism()))
	checkRecords(t, recs, append(small1, small2...))
	var reason string
	waitFor(t, "a dead letter", 5*time.Second, func() bool {
		dls, err := e.eng.Store.DeadLetters(context.Background(), automationKey("big"), 0, 10)
		if err != nil || len(dls) == 0 {
			return false
		}
		if len(dls) != 1 || string(dls[0].Event.Payload) != string(big[0].payload) {
			t.Fatalf("dead letters: %d, first of %d bytes", len(dls), len(dls[0].Event.Payload))
		}
		reason = dls[0].Reason
		return true
	})
	if !strings.Contains(reason, "exceeds the destination's limit of 1048576 bytes") {
		t.Errorf("dead letter reason %q", reason)
	}
	waitFor(t, "the queue to drain", 5*time.Second, func() bool { return e.pending(id) == 0 })
}

// A Kafka cluster that is down holds its own queue only: a Logic App action
// of another automation gets every event at once, and the Kafka action
// delivers its queue when the broker is back on the same address.
func TestDownDestinationDoesNotDelayOthers(t *testing.T) {
	dir := t.TempDir()
	first, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.DataDir(dir), kfake.SeedTopics(2, "security"))
	if err != nil {
		t.Fatal(err)
	}
	addr := first.ListenAddrs()[0]
	first.Close()

	var mu sync.Mutex
	var posted [][]byte
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		posted = append(posted, b)
		mu.Unlock()
	}))
	defer receiver.Close()
	received := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(posted)
	}

	e := newEnv(t)
	e.put("down", kafkaAction([]string{addr}, "security", "", "", ""))
	e.put("up", automation.Action{ActionType: automation.ActionLogicApp, URI: receiver.URL + "/trigger?sig=s3cr3t"})
	kafkaID := e.actionID("down")
	want := e.ingest(records("down", 20)...)
	start := time.Now()
	waitFor(t, "the Logic App to get every event", 2*time.Second, func() bool { return received() == len(want) })
	t.Logf("Logic App got %d events in %v while the Kafka broker was down", len(want), time.Since(start).Round(time.Millisecond))
	if n := e.pending(kafkaID); n != len(want) {
		t.Fatalf("Kafka action: %d events pending, want %d", n, len(want))
	}

	_, portStr, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(portStr)
	second := kafkatest.Cluster(t, kfake.Ports(port), kfake.DataDir(dir))
	recs := kafkatest.Consume(t, second.ListenAddrs(), "security", kafka.HeaderEventID, len(want))
	checkRecords(t, recs, want)
}
