package eventhub

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"

	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/destination/kafka"
	"github.com/secexport/secexport/internal/destination/kafka/kafkatest"
	"github.com/secexport/secexport/internal/model"
)

func TestConfig(t *testing.T) {
	azure := "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=k=;EntityPath=security"
	emulator := "Endpoint=sb://localhost;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true;EntityPath=eh1"
	for _, tc := range []struct {
		cs   string
		want kafka.Config
	}{
		{azure, kafka.Config{
			Brokers: []string{"contoso.servicebus.windows.net:9093"}, Topic: "security", TLS: true,
			SASLMechanism: "PLAIN", Username: "$ConnectionString", Password: azure, MaxMessageBytes: 1048576, MaxRequestBytes: 1046528,
		}},
		{emulator, kafka.Config{
			Brokers: []string{"localhost:9092"}, Topic: "eh1", TLS: false,
			SASLMechanism: "PLAIN", Username: "$ConnectionString", Password: emulator, MaxMessageBytes: 1048576, MaxRequestBytes: 1046528,
		}},
	} {
		cs, err := ParseConnectionString(tc.cs, "")
		if err != nil {
			t.Fatal(err)
		}
		got := Config(cs)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("Config(%s)\n got %+v\nwant %+v", cs.Host, got, tc.want)
		}
		if err := got.Validate(); err != nil {
			t.Errorf("Config(%s).Validate() = %v", cs.Host, err)
		}
	}
}

func TestNamespaceFromResourceID(t *testing.T) {
	for _, tc := range []struct {
		id, host, hub, err string
	}{
		{id: "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/Contoso-NS/eventhubs/security",
			host: "contoso-ns.servicebus.windows.net", hub: "security"},
		{id: "/subscriptions/0000/resourcegroups/rg/providers/microsoft.eventhub/namespaces/ns/eventhubs/hub/",
			host: "ns.servicebus.windows.net", hub: "hub"},
		{id: "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns",
			err: "names no event hub"},
		{id: "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa",
			err: "is not a Microsoft.EventHub resource"},
		{id: "", err: "does not start with /subscriptions/"},
		{id: "eventhubs/hub", err: "does not start with /subscriptions/"},
		{id: "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.EventHub/eventhubs/hub", err: "names no namespace"},
	} {
		host, hub, err := NamespaceFromResourceID(tc.id)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("NamespaceFromResourceID(%q) error = %v, want one containing %q", tc.id, err, tc.err)
		case tc.err == "" && (err != nil || host != tc.host || hub != tc.hub):
			t.Errorf("NamespaceFromResourceID(%q) = %q, %q, %v; want %q, %q", tc.id, host, hub, err, tc.host, tc.hub)
		}
	}
}

// credential is an azcore.TokenCredential that hands out one token and
// remembers the scopes asked for.
type credential struct {
	token string
	err   error

	mu     sync.Mutex
	scopes [][]string
}

func (c *credential) GetToken(_ context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	c.mu.Lock()
	c.scopes = append(c.scopes, opts.Scopes)
	c.mu.Unlock()
	if c.err != nil {
		return azcore.AccessToken{}, c.err
	}
	return azcore.AccessToken{Token: c.token, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

func TestTrustedServiceConfig(t *testing.T) {
	cred := &credential{token: "entra-token"}
	cfg := TrustedServiceConfig("contoso.servicebus.windows.net", "security", cred)
	if got := fmt.Sprintf("%v %s %v %s %d %d", cfg.Brokers, cfg.Topic, cfg.TLS, cfg.SASLMechanism, cfg.MaxMessageBytes, cfg.MaxRequestBytes); got != "[contoso.servicebus.windows.net:9093] security true OAUTHBEARER 1048576 1046528" {
		t.Errorf("config = %s", got)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	tok, err := cfg.TokenSource(context.Background())
	if err != nil || tok != "entra-token" {
		t.Fatalf("TokenSource() = %q, %v", tok, err)
	}
	if got := fmt.Sprint(cred.scopes); got != "[[https://contoso.servicebus.windows.net/.default]]" {
		t.Errorf("scopes asked for: %s", got)
	}

	cred.err = errors.New("DefaultAzureCredential: no credential available")
	if _, err := cfg.TokenSource(context.Background()); err == nil || !strings.Contains(err.Error(), "no credential available") {
		t.Errorf("TokenSource() error = %v", err)
	}
}

// listen reserves a loopback port for a kfake broker, so that a connection
// string can name it before the broker starts.
func listen(t *testing.T) (net.Listener, kfake.Opt) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln, kfake.ListenFn(func(string, string) (net.Listener, error) { return ln, nil })
}

func events(n int) []model.Event {
	evs := make([]model.Event, n)
	for i := range evs {
		evs[i] = model.Event{
			ID:        fmt.Sprintf("ev-%d", i),
			Source:    model.SourceAlerts,
			RecordKey: fmt.Sprintf("alert-%d", i%3),
			Payload:   []byte(fmt.Sprintf(`{"SystemAlertId":"a%d","Severity":"High"}`, i)),
		}
	}
	return evs
}

// The emulator convention end to end: a connection string names a loopback
// broker that takes SASL PLAIN as $ConnectionString with that very string.
func TestSendWithEmulatorConnectionString(t *testing.T) {
	t.Parallel()
	ln, listenOpt := listen(t)
	raw := fmt.Sprintf("Endpoint=sb://%s/;SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=hub;UseDevelopmentEmulator=true", ln.Addr())
	c := kafkatest.Cluster(t, listenOpt, kfake.EnableSASL(), kfake.Superuser("PLAIN", "$ConnectionString", raw), kfake.SeedTopics(2, "hub"))

	cs, err := ParseConnectionString(raw, "")
	if err != nil {
		t.Fatal(err)
	}
	d, err := kafka.New(Config(cs), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	evs := events(12)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := d.Send(ctx, evs); err != nil {
		t.Fatalf("Send: %v", err)
	}
	recs := kafkatest.Consume(t, c.ListenAddrs(), "hub", kafka.HeaderEventID, len(evs),
		kgo.SASL(plain.Auth{User: "$ConnectionString", Pass: raw}.AsMechanism()))
	got := map[string]string{}
	for _, r := range recs {
		got[kafkatest.Header(r, kafka.HeaderEventID)] = string(r.Value)
	}
	for _, e := range evs {
		if got[e.ID] != string(e.Payload) {
			t.Errorf("event %s: consumed %q, want %q", e.ID, got[e.ID], e.Payload)
		}
	}
}

func TestSendWithWrongConnectionString(t *testing.T) {
	t.Parallel()
	ln, listenOpt := listen(t)
	right := fmt.Sprintf("Endpoint=sb://%s/;SharedAccessKeyName=k;SharedAccessKey=right-key;EntityPath=hub;UseDevelopmentEmulator=true", ln.Addr())
	wrong := strings.Replace(right, "right-key", "wrong-key-0123", 1)
	kafkatest.Cluster(t, listenOpt, kfake.EnableSASL(), kfake.Superuser("PLAIN", "$ConnectionString", right), kfake.SeedTopics(1, "hub"))

	cs, err := ParseConnectionString(wrong, "")
	if err != nil {
		t.Fatal(err)
	}
	d, err := kafka.New(Config(cs), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err = d.Send(ctx, events(3))
	if err == nil {
		t.Fatal("Send with a wrong key succeeded")
	}
	msg := err.Error()
	if deliver.IsPermanent(err) || !strings.Contains(msg, "authentication failed") {
		t.Errorf("want a retryable authentication error, got %v", err)
	}
	if strings.Contains(msg, "wrong-key-0123") || strings.Contains(msg, "SharedAccessKey=") {
		t.Errorf("error %q leaks the connection string", msg)
	}
	t.Log(msg)
}

// Trusted-service mode end to end: OAUTHBEARER over TLS with the token the
// credential issued for the namespace's scope.
func TestSendAsTrustedService(t *testing.T) {
	t.Parallel()
	caPEM, serverTLS := kafkatest.SelfSignedTLS(t)
	c := kafkatest.Cluster(t, kfake.TLS(serverTLS), kfake.SeedTopics(1, "hub"))
	var mu sync.Mutex
	var seen []string
	kafkatest.AcceptOAuthBearer(c, func(tok string) error {
		mu.Lock()
		seen = append(seen, tok)
		mu.Unlock()
		if tok != "entra-token" {
			return errors.New("bad token")
		}
		return nil
	})
	cred := &credential{token: "entra-token"}
	cfg := TrustedServiceConfig("127.0.0.1", "hub", cred)
	cfg.Brokers = c.ListenAddrs() // kfake's port, not 9093
	cfg.CACertPEM = caPEM
	d, err := kafka.New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	evs := events(5)
	if err := d.Send(ctx, evs); err != nil {
		t.Fatalf("Send: %v", err)
	}
	kafkatest.Consume(t, c.ListenAddrs(), "hub", kafka.HeaderEventID, len(evs), kgo.DialTLSConfig(kafkatest.ClientTLS(caPEM)))
	mu.Lock()
	defer mu.Unlock()
	if len(seen) == 0 {
		t.Fatal("the broker saw no OAUTHBEARER token")
	}
	cred.mu.Lock()
	defer cred.mu.Unlock()
	if got := fmt.Sprint(cred.scopes[0]); got != "[https://127.0.0.1/.default]" {
		t.Errorf("token scope %s", got)
	}
}
