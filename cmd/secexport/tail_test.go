package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/secexport/secexport/internal/destination/eventhub"
	"github.com/secexport/secexport/internal/destination/kafka"
	"github.com/secexport/secexport/internal/destination/kafka/kafkatest"
	"github.com/secexport/secexport/internal/model"
)

const tailHubKey = "dGFpbC1odWIta2V5LTAxMjM="

// tailHub starts a broker that plays the Event Hubs emulator for the
// returned connection string.
func tailHub(t *testing.T) (*kfake.Cluster, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cs := fmt.Sprintf("Endpoint=sb://%s/;SharedAccessKeyName=listen;SharedAccessKey=%s;EntityPath=hub;UseDevelopmentEmulator=true", ln.Addr(), tailHubKey)
	c := kafkatest.Cluster(t, kfake.ListenFn(func(string, string) (net.Listener, error) { return ln, nil }),
		kfake.EnableSASL(), kfake.Superuser("PLAIN", "$ConnectionString", cs), kfake.SeedTopics(1, "hub"))
	return c, cs
}

// tailEvents makes n exported-looking events over three records.
func tailEvents(prefix string, n int) []model.Event {
	evs := make([]model.Event, n)
	for i := range evs {
		evs[i] = model.Event{
			ID: fmt.Sprintf("%s-%d", prefix, i), Source: model.SourceAssessments,
			RecordKey: fmt.Sprintf("/subscriptions/s/providers/microsoft.security/assessments/a%d", i%3),
			Payload:   fmt.Appendf(nil, `{"id":"%s-%d","properties":{"status":{"code":"Unhealthy"},"link":"https://x/?a=1&b=<2>"}}`, prefix, i),
		}
	}
	return evs
}

func tailProduce(t *testing.T, cfg kafka.Config, evs []model.Event) {
	t.Helper()
	d, err := kafka.New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := d.Send(ctx, evs); err != nil {
		t.Fatal(err)
	}
}

// tailRun runs secexport tail to the end, with a deadline.
func tailRun(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	var out, errOut bytes.Buffer
	err = run(ctx, append([]string{"tail"}, args...), strings.NewReader(stdin), &out, &errOut)
	if ctx.Err() != nil {
		t.Fatalf("tail ran into the test's deadline: %v\nstderr: %s", err, errOut.String())
	}
	return out.String(), errOut.String(), err
}

func TestTailEventHub(t *testing.T) {
	_, cs := tailHub(t)
	parsed, err := eventhub.ParseConnectionString(cs, "")
	if err != nil {
		t.Fatal(err)
	}
	evs := tailEvents("eh", 12)
	tailProduce(t, eventhub.Config(parsed), evs)

	for _, tc := range []struct {
		name, stdin string
		args        []string
	}{
		{"flag", "", []string{"--connection-string", cs}},
		{"stdin", cs + "\n", []string{"--connection-string", "-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, err := tailRun(t, tc.stdin, append(tc.args, "--from-beginning", "--max", "12")...)
			if err != nil {
				t.Fatalf("tail: %v\nstderr: %s", err, errOut)
			}
			var want strings.Builder
			for _, e := range evs {
				want.Write(e.Payload)
				want.WriteByte('\n')
			}
			if out != want.String() {
				t.Errorf("stdout:\n%s\nwant the payloads byte for byte, one a line:\n%s", out, want.String())
			}
			if !strings.Contains(errOut, `tailing event hub "hub" at 127.0.0.1:`) {
				t.Errorf("stderr %q", errOut)
			}
			if strings.Contains(out+errOut, tailHubKey) || strings.Contains(out+errOut, "SharedAccessKey") {
				t.Errorf("tail printed the connection string: %s%s", out, errOut)
			}
		})
	}
	t.Run("hub from --topic", func(t *testing.T) {
		// A namespace-level connection string names no hub.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		nsCS := fmt.Sprintf("Endpoint=sb://%s/;SharedAccessKeyName=ns;SharedAccessKey=%s;UseDevelopmentEmulator=true", ln.Addr(), tailHubKey)
		kafkatest.Cluster(t, kfake.ListenFn(func(string, string) (net.Listener, error) { return ln, nil }),
			kfake.EnableSASL(), kfake.Superuser("PLAIN", "$ConnectionString", nsCS), kfake.SeedTopics(1, "other"))
		parsed, err := eventhub.ParseConnectionString(nsCS, "eventhubs/other")
		if err != nil {
			t.Fatal(err)
		}
		tailProduce(t, eventhub.Config(parsed), evs[:2])
		out, errOut, err := tailRun(t, "", "--connection-string", nsCS, "--topic", "other", "--from-beginning", "--max", "2")
		if err != nil || out != string(evs[0].Payload)+"\n"+string(evs[1].Payload)+"\n" {
			t.Fatalf("tail = %v\nstdout: %s\nstderr: %s", err, out, errOut)
		}
	})
	t.Run("environment", func(t *testing.T) {
		t.Setenv(envTailConnectionString, cs)
		out, errOut, err := tailRun(t, "", "--from-beginning", "--max", "1", "--pretty")
		if err != nil {
			t.Fatalf("tail: %v\nstderr: %s", err, errOut)
		}
		if !strings.HasPrefix(out, "{\n  \"id\": \"eh-0\",\n") {
			t.Errorf("--pretty output:\n%s", out)
		}
	})
}

func TestTailKafkaSCRAMOverTLS(t *testing.T) {
	caPEM, serverTLS := kafkatest.SelfSignedTLS(t)
	const user, pass = "reader", "tail-scram-pass-0123"
	c := kafkatest.Cluster(t, kfake.TLS(serverTLS), kfake.EnableSASL(), kfake.Superuser("SCRAM-SHA-256", user, pass), kfake.SeedTopics(2, "security"))
	cfg := kafka.Config{Brokers: c.ListenAddrs(), Topic: "security", TLS: true, CACertPEM: caPEM, SASLMechanism: "SCRAM-SHA-256", Username: user, Password: pass}
	evs := tailEvents("k", 6)
	tailProduce(t, cfg, evs)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(caFile, caPEM, 0o600)

	out, errOut, err := tailRun(t, pass+"\n", "--brokers", strings.Join(c.ListenAddrs(), ","), "--topic", "security",
		"--sasl-mechanism", "SCRAM-SHA-256", "--username", user, "--password", "-", "--ca-file", caFile,
		"--from-beginning", "--max", "6", "--envelope")
	if err != nil {
		t.Fatalf("tail: %v\nstderr: %s", err, errOut)
	}
	byID := map[string]model.Event{}
	for _, e := range evs {
		byID[e.ID] = e
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(evs) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(evs), out)
	}
	for _, line := range lines {
		var env struct {
			Topic     string            `json:"topic"`
			Partition int32             `json:"partition"`
			Offset    int64             `json:"offset"`
			Timestamp time.Time         `json:"timestamp"`
			Key       string            `json:"key"`
			Headers   map[string]string `json:"headers"`
			Value     json.RawMessage   `json:"value"`
		}
		if err := json.Unmarshal([]byte(line), &env); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		e, ok := byID[env.Headers["event-id"]]
		if !ok || env.Topic != "security" || env.Key != e.RecordKey || string(env.Value) != string(e.Payload) || env.Timestamp.IsZero() ||
			env.Headers["event-source"] != "Assessments" || env.Headers["is-snapshot"] != "false" || env.Headers["content-type"] != "application/json" {
			t.Errorf("envelope %s does not carry its event", line)
		}
		delete(byID, env.Headers["event-id"])
	}
	if strings.Contains(out+errOut, pass) {
		t.Error("tail printed the password")
	}
}

// Without --max, tail prints what arrives until its context ends, and then
// returns without an error.
func TestTailFollowsUntilCancelled(t *testing.T) {
	c := kafkatest.Cluster(t, kfake.SeedTopics(1, "t"))
	old := tailEvents("old", 3)
	cfg := kafka.Config{Brokers: c.ListenAddrs(), Topic: "t"}
	tailProduce(t, cfg, old)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &tailBuffer{}
	var errOut tailBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"tail", "--brokers", c.ListenAddrs()[0], "--topic", "t"}, strings.NewReader(""), out, &errOut)
	}()
	tailWait(t, "tail to start", func() bool { return strings.Contains(errOut.String(), "tailing") })
	// tail starts at the end of the partition once it has looked it up:
	// send new events until some show.
	sentPayloads := map[string]bool{}
	tailWait(t, "new events", func() bool {
		ev := tailEvents(fmt.Sprintf("new%d", len(sentPayloads)), 1)
		tailProduce(t, cfg, ev)
		sentPayloads[string(ev[0].Payload)] = true
		time.Sleep(50 * time.Millisecond)
		return strings.Count(out.String(), "\n") >= 2
	})
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("tail returned %v after cancel", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("tail did not stop on cancel")
	}
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		if !sentPayloads[line] {
			t.Errorf("printed %q, which was not sent after tail started", line)
		}
	}
}

func TestTailErrors(t *testing.T) {
	_, cs := tailHub(t)
	plain := kafkatest.Cluster(t, kfake.SeedTopics(1, "t"))
	wrong := strings.Replace(cs, tailHubKey, "d3JvbmcteW91LWFyZQ==", 1)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"nothing to tail", nil, "give --connection-string (Event Hubs) or --brokers and --topic (Kafka)"},
		{"both", []string{"--connection-string", cs, "--brokers", "k:9092"}, "not both"},
		{"brokers without topic", []string{"--brokers", "k:9092"}, "--brokers needs --topic"},
		{"SASL flags with a connection string", []string{"--connection-string", cs, "--username", "u"}, "are for --brokers"},
		{"malformed connection string", []string{"--connection-string", "Endpoint=sb://h/;SharedAccessKey=" + tailHubKey}, "no SharedAccessKeyName"},
		{"wrong key", []string{"--connection-string", wrong, "--max", "1"}, "authentication failed (SASL PLAIN as \"$ConnectionString\")"},
		{"missing topic", []string{"--brokers", plain.ListenAddrs()[0], "--topic", "nope"}, `kafka topic "nope" does not exist`},
		{"stdin empty", []string{"--connection-string", "-"}, "reading it from stdin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, err := tailRun(t, "", tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("tail = %v, want an error containing %q\nstderr: %s", err, tc.want, errOut)
			}
			for _, s := range []string{err.Error(), out, errOut} {
				if strings.Contains(s, tailHubKey) || strings.Contains(s, "d3JvbmcteW91") {
					t.Errorf("a key shows: %s", s)
				}
			}
		})
	}
}

func tailWait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// tailBuffer is a bytes.Buffer safe for a writer and a reader at once.
type tailBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
