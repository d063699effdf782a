package eventhub

import (
	"context"
	"fmt"
	"net"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/secexport/secexport/internal/destination/kafka"
)

// MaxEventBytes is the largest event Event Hubs takes (Standard tier and
// above): 1 MB.
const MaxEventBytes = 1 << 20

// maxRequestBytes is the largest produce request Event Hubs' Kafka endpoint
// takes: it closes the connection on a larger one (Microsoft's "Recommended
// configurations for Apache Kafka clients", max.request.size). With the
// request framing, an event can be at most about 1,046,400 bytes in practice;
// a larger one fails permanently as too large.
const maxRequestBytes = 1046528

// connectionStringUser is the SASL PLAIN user name with which Event Hubs' Kafka
// endpoint takes a connection string as the password.
const connectionStringUser = "$ConnectionString"

// Config is the Kafka configuration that produces to the hub cs names: SASL
// PLAIN as $ConnectionString with the connection string, exactly as given, as
// the password; TLS on port 9093, or plaintext to the emulator's endpoint. It
// leaves compression off: Event Hubs documents Kafka compression as
// unsupported on most tiers.
func Config(cs ConnectionString) kafka.Config {
	return kafka.Config{
		Brokers:         []string{cs.KafkaAddress()},
		Topic:           cs.EntityPath,
		TLS:             !cs.UseDevelopmentEmulator,
		SASLMechanism:   kafka.SASLPlain,
		Username:        connectionStringUser,
		Password:        cs.Raw,
		MaxMessageBytes: MaxEventBytes,
		MaxRequestBytes: maxRequestBytes,
	}
}

// TrustedServiceConfig is the Kafka configuration that produces to hub in the
// namespace at namespaceHost ({namespace}.servicebus.windows.net) with an
// Entra ID token from cred: SASL OAUTHBEARER over TLS on port 9093. Kafka
// clients ask for a token for the namespace itself, scope
// https://{namespaceHost}/.default; the identity needs the Azure Event Hubs
// Data Sender role on the hub. This is continuous export's "trusted service"
// mode, for hubs behind a firewall.
func TrustedServiceConfig(namespaceHost, hub string, cred azcore.TokenCredential) kafka.Config {
	scope := "https://" + namespaceHost + "/.default"
	return kafka.Config{
		Brokers:       []string{net.JoinHostPort(namespaceHost, "9093")},
		Topic:         hub,
		TLS:           true,
		SASLMechanism: kafka.SASLOAuthBearer,
		TokenSource: func(ctx context.Context) (string, error) {
			tok, err := cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{scope}})
			if err != nil {
				return "", fmt.Errorf("getting an Entra ID token for %s: %w", scope, err)
			}
			return tok.Token, nil
		},
		MaxMessageBytes: MaxEventBytes,
		MaxRequestBytes: maxRequestBytes,
	}
}

// NamespaceFromResourceID derives the namespace host and the hub name from an
// event hub's ARM id,
// /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.EventHub/namespaces/{ns}/eventhubs/{hub}.
// The host is {ns}.servicebus.windows.net, the public cloud's.
func NamespaceFromResourceID(id string) (host, hub string, err error) {
	segs := strings.Split(strings.Trim(id, "/"), "/")
	var ns string
	for i := 0; i+1 < len(segs); i++ {
		switch {
		case strings.EqualFold(segs[i], "providers") && !strings.EqualFold(segs[i+1], "Microsoft.EventHub"):
			return "", "", fmt.Errorf("resource id %q is not a Microsoft.EventHub resource", id)
		case strings.EqualFold(segs[i], "namespaces"):
			ns = segs[i+1]
		case strings.EqualFold(segs[i], "eventhubs"):
			hub = segs[i+1]
		}
	}
	switch {
	case !strings.EqualFold(segs[0], "subscriptions"):
		return "", "", fmt.Errorf("resource id %q does not start with /subscriptions/", id)
	case ns == "":
		return "", "", fmt.Errorf("resource id %q names no namespace (…/namespaces/{namespace}/…)", id)
	case hub == "":
		return "", "", fmt.Errorf("resource id %q names no event hub (…/eventhubs/{hub})", id)
	}
	return strings.ToLower(ns) + ".servicebus.windows.net", hub, nil
}
