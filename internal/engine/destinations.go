package engine

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/destination/eventhub"
	"github.com/secexport/secexport/internal/destination/kafka"
)

// registerKafka registers the EventHub and Kafka action types. Both produce
// through franz-go; Event Hubs through its Kafka endpoint.
func (e *Engine) registerKafka(log *slog.Logger) {
	var credOnce sync.Once
	var cred azcore.TokenCredential
	var credErr error
	credential := func() (azcore.TokenCredential, error) {
		credOnce.Do(func() { cred, credErr = azidentity.NewDefaultAzureCredential(nil) })
		return cred, credErr
	}
	e.Register(automation.ActionEventHub, func(a automation.Action) (deliver.Destination, int, error) {
		var cfg kafka.Config
		if a.IsTrustedServiceEnabled != nil && *a.IsTrustedServiceEnabled && a.ConnectionString == "" {
			host, hub, err := eventhub.NamespaceFromResourceID(a.EventHubResourceID)
			if err != nil {
				return nil, 0, err
			}
			c, err := credential()
			if err != nil {
				return nil, 0, fmt.Errorf("Entra ID credential for trusted-service export: %w", err)
			}
			cfg = eventhub.TrustedServiceConfig(host, hub, c)
		} else {
			cs, err := eventhub.ParseConnectionString(a.ConnectionString, a.EventHubResourceID)
			if err != nil {
				return nil, 0, err
			}
			cfg = eventhub.Config(cs)
		}
		d, err := kafka.New(cfg, log)
		return d, 1, err
	})
	e.Register(automation.ActionKafka, func(a automation.Action) (deliver.Destination, int, error) {
		cfg := kafka.Config{
			Topic: a.Topic, SASLMechanism: a.SASLMechanism, Username: a.Username, Password: a.Password,
			Compression: a.Compression, CACertPEM: []byte(a.CACertificate),
		}
		for _, b := range strings.Split(a.BootstrapServers, ",") {
			if b = strings.TrimSpace(b); b != "" {
				cfg.Brokers = append(cfg.Brokers, b)
			}
		}
		if a.TLS != nil {
			cfg.TLS = *a.TLS
		}
		if len(cfg.CACertPEM) == 0 {
			cfg.CACertPEM = nil
		}
		d, err := kafka.New(cfg, log)
		return d, 1, err
	})
}
