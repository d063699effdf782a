package automation

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/destination/eventhub"
)

var (
	actionTypes    = []string{ActionLogicApp, ActionEventHub, ActionWorkspace, ActionKafka}
	saslMechanisms = []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}
	compressions   = []string{"none", "gzip", "snappy", "lz4", "zstd"}
)

const workspaceIDShape = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.OperationalInsights/workspaces/{name}"

func validateActions(actions []Action) error {
	if len(actions) == 0 {
		return &ValidationError{Path: "properties.actions", Message: "at least one action is required: " + strings.Join(actionTypes, ", ")}
	}
	for i := range actions {
		if err := actions[i].validate(); err != nil {
			return err.at(fmt.Sprintf("properties.actions[%d]", i))
		}
	}
	return nil
}

// validate checks an action and normalises it: canonical enum spellings, the
// derived sasPolicyName, and no fields that belong to another action type.
// Messages name fields, never the values of secret ones.
func (a *Action) validate() *ValidationError {
	n, ok := lookupEnum(actionTypes, a.ActionType)
	if !ok {
		return enumError("actionType", a.ActionType, "action type", actionTypes)
	}
	a.ActionType = actionTypes[n]
	a.dropOtherTypesFields()
	switch a.ActionType {
	case ActionLogicApp:
		return a.validateLogicApp()
	case ActionEventHub:
		return a.validateEventHub()
	case ActionWorkspace:
		return a.validateWorkspace()
	default:
		return a.validateKafka()
	}
}

// dropOtherTypesFields clears the fields that do not belong to a.ActionType,
// so what is stored and served is what the action type defines.
func (a *Action) dropOtherTypesFields() {
	in := *a
	*a = Action{ActionType: in.ActionType}
	switch in.ActionType {
	case ActionLogicApp:
		a.LogicAppResourceID, a.URI = in.LogicAppResourceID, in.URI
	case ActionEventHub:
		a.EventHubResourceID, a.ConnectionString, a.SASPolicyName = in.EventHubResourceID, in.ConnectionString, in.SASPolicyName
		a.IsTrustedServiceEnabled = in.IsTrustedServiceEnabled
	case ActionWorkspace:
		a.WorkspaceResourceID = in.WorkspaceResourceID
	case ActionKafka:
		a.BootstrapServers, a.Topic, a.SASLMechanism = in.BootstrapServers, in.Topic, in.SASLMechanism
		a.Username, a.Password, a.TLS = in.Username, in.Password, in.TLS
		a.CACertificate, a.Compression = in.CACertificate, in.Compression
	}
}

func (a *Action) validateLogicApp() *ValidationError {
	if a.URI == "" {
		return &ValidationError{Path: "uri", Message: "is required: the Logic App's HTTP trigger URL"}
	}
	// The URI is a secret (it carries a signature): the message must not echo it,
	// nor the url.Parse error, which would.
	u, err := url.Parse(a.URI)
	if err != nil || !u.IsAbs() || u.Host == "" || !(strings.EqualFold(u.Scheme, "https") || strings.EqualFold(u.Scheme, "http")) {
		return &ValidationError{Path: "uri", Message: "must be an absolute http or https URL (the Logic App's HTTP trigger URL)"}
	}
	return nil
}

func (a *Action) validateEventHub() *ValidationError {
	if a.EventHubResourceID == "" {
		return &ValidationError{Path: "eventHubResourceId", Message: "is required: the ARM id of the event hub, /subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.EventHub/namespaces/{namespace}/eventhubs/{hub}"}
	}
	a.SASPolicyName = ""
	if a.ConnectionString == "" {
		if a.IsTrustedServiceEnabled != nil && *a.IsTrustedServiceEnabled {
			return nil
		}
		return &ValidationError{Path: "connectionString", Message: "is required unless isTrustedServiceEnabled is true"}
	}
	cs, err := eventhub.ParseConnectionString(a.ConnectionString, a.EventHubResourceID)
	if err != nil {
		return &ValidationError{Path: "connectionString", Message: fmt.Sprintf("is not a valid Event Hubs connection string: %v", err), err: err}
	}
	a.SASPolicyName = cs.KeyName
	return nil
}

func (a *Action) validateWorkspace() *ValidationError {
	if a.WorkspaceResourceID == "" {
		return &ValidationError{Path: "workspaceResourceId", Message: "is required: " + workspaceIDShape}
	}
	segs := strings.Split(a.WorkspaceResourceID, "/")
	if len(segs) != 9 || segs[0] != "" ||
		!strings.EqualFold(segs[1], "subscriptions") || segs[2] == "" ||
		!strings.EqualFold(segs[3], "resourceGroups") || segs[4] == "" ||
		!strings.EqualFold(segs[5], "providers") ||
		!strings.EqualFold(segs[6], "Microsoft.OperationalInsights") ||
		!strings.EqualFold(segs[7], "workspaces") || segs[8] == "" {
		return &ValidationError{Path: "workspaceResourceId", Message: fmt.Sprintf("%q is not a Log Analytics workspace id; use %s", a.WorkspaceResourceID, workspaceIDShape)}
	}
	return nil
}

func (a *Action) validateKafka() *ValidationError {
	if err := validateBootstrapServers(a.BootstrapServers); err != nil {
		return err
	}
	if err := validateTopic(a.Topic); err != nil {
		return err
	}
	if a.SASLMechanism == "" {
		if a.Username != "" || a.Password != "" {
			return &ValidationError{Path: "saslMechanism", Message: "is required when username or password is set; use one of " + strings.Join(saslMechanisms, ", ")}
		}
	} else {
		n, ok := lookupEnum(saslMechanisms, a.SASLMechanism)
		if !ok {
			return enumError("saslMechanism", a.SASLMechanism, "SASL mechanism", saslMechanisms)
		}
		a.SASLMechanism = saslMechanisms[n]
		if a.Username == "" {
			return &ValidationError{Path: "username", Message: "is required with saslMechanism " + a.SASLMechanism}
		}
		if a.Password == "" {
			return &ValidationError{Path: "password", Message: "is required with saslMechanism " + a.SASLMechanism}
		}
	}
	if a.Compression != "" {
		n, ok := lookupEnum(compressions, a.Compression)
		if !ok {
			return enumError("compression", a.Compression, "compression", compressions)
		}
		a.Compression = compressions[n]
	}
	if a.CACertificate != "" {
		return validateCACertificate(a.CACertificate)
	}
	return nil
}

func validateBootstrapServers(list string) *ValidationError {
	const path = "bootstrapServers"
	if strings.TrimSpace(list) == "" {
		return &ValidationError{Path: path, Message: "is required: a comma-separated list of host:port, for example kafka-1:9092,kafka-2:9092"}
	}
	for server := range strings.SplitSeq(list, ",") {
		server = strings.TrimSpace(server)
		if server == "" {
			return &ValidationError{Path: path, Message: "has an empty entry; write host:port,host:port"}
		}
		host, port, err := net.SplitHostPort(server)
		if err != nil || host == "" {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%q is not host:port", server)}
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%q has port %q; a port is a number from 1 to 65535", server, port)}
		}
	}
	return nil
}

// validateTopic applies Kafka's rules for topic names.
func validateTopic(topic string) *ValidationError {
	const path = "topic"
	switch {
	case topic == "":
		return &ValidationError{Path: path, Message: "is required"}
	case len(topic) > 249:
		return &ValidationError{Path: path, Message: fmt.Sprintf("is %d characters long; Kafka allows at most 249", len(topic))}
	case topic == "." || topic == "..":
		return &ValidationError{Path: path, Message: fmt.Sprintf("%q is not allowed as a Kafka topic name", topic)}
	}
	for _, r := range topic {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%q has the character %q; Kafka topic names use only letters, digits, '.', '_' and '-'", topic, r)}
		}
	}
	return nil
}

func validateCACertificate(s string) *ValidationError {
	const path = "caCertificate"
	rest := []byte(s)
	found := false
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		if _, err := x509.ParseCertificate(block.Bytes); err != nil {
			return &ValidationError{Path: path, Message: fmt.Sprintf("has a CERTIFICATE block that is not an X.509 certificate: %v", err), err: err}
		}
		found = true
	}
	if !found {
		return &ValidationError{Path: path, Message: "must be PEM text with at least one -----BEGIN CERTIFICATE----- block"}
	}
	return nil
}
