package automation

import (
	"encoding/json"
	"maps"
	"slices"

	"github.com/secexport/secexport/internal/model"
)

// ResourceType is the ARM type of an automation.
const ResourceType = "Microsoft.Security/automations"

// Action types.
const (
	ActionLogicApp  = "LogicApp"
	ActionEventHub  = "EventHub"
	ActionWorkspace = "Workspace"
	// ActionKafka is a secexport extension: any Kafka cluster.
	ActionKafka = "Kafka"
)

// Property types of a rule.
const (
	TypeString  = "String"
	TypeInteger = "Integer"
	TypeNumber  = "Number"
	TypeBoolean = "Boolean"
)

// Rule operators, spelled as Azure spells them ("Lesser", not "Less").
const (
	OpEquals               = "Equals"
	OpNotEquals            = "NotEquals"
	OpGreaterThan          = "GreaterThan"
	OpGreaterThanOrEqualTo = "GreaterThanOrEqualTo"
	OpLesserThan           = "LesserThan"
	OpLesserThanOrEqualTo  = "LesserThanOrEqualTo"
	OpContains             = "Contains"
	OpStartsWith           = "StartsWith"
	OpEndsWith             = "EndsWith"
)

// Automation is a Microsoft.Security/automations resource as ARM serves it.
type Automation struct {
	ID       string `json:"id,omitempty"`
	Name     string `json:"name,omitempty"`
	Type     string `json:"type,omitempty"`
	Location string `json:"location,omitempty"`
	Etag     string `json:"etag,omitempty"`
	// Tags is echoed as sent: an empty object stays {}, an absent one stays absent.
	Tags       map[string]string `json:"tags,omitzero"`
	Kind       *string           `json:"kind,omitempty"`
	Properties Properties        `json:"properties"`
}

// Properties is the body of an automation.
type Properties struct {
	Description string `json:"description,omitempty"`
	// IsEnabled is true when absent; Validate sets it.
	IsEnabled *bool    `json:"isEnabled,omitempty"`
	Scopes    []Scope  `json:"scopes"`
	Sources   []Source `json:"sources"`
	Actions   []Action `json:"actions"`
}

// Scope is a subscription or resource group whose records the automation exports.
type Scope struct {
	Description string `json:"description,omitempty"`
	// ScopePath is /subscriptions/{sub} or /subscriptions/{sub}/resourceGroups/{rg}.
	ScopePath string `json:"scopePath"`
}

// Source selects the events of one event source; its rule sets are OR-ed, and
// no rule sets selects every event of the source.
type Source struct {
	EventSource model.EventSource `json:"eventSource"`
	RuleSets    []RuleSet         `json:"ruleSets"`
}

// MarshalJSON writes ruleSets as [] when there are none, as Azure echoes it.
func (s Source) MarshalJSON() ([]byte, error) {
	type plain Source // plain has no MarshalJSON method
	p := plain(s)
	if p.RuleSets == nil {
		p.RuleSets = []RuleSet{}
	}
	return json.Marshal(p)
}

// RuleSet holds when all its rules hold.
type RuleSet struct {
	Rules []Rule `json:"rules"`
}

// Rule compares one property of the exported event with an expected value.
type Rule struct {
	PropertyJPath string `json:"propertyJPath"`
	PropertyType  string `json:"propertyType"`
	ExpectedValue string `json:"expectedValue"`
	Operator      string `json:"operator"`
}

// Action is where matching events go. It is flat, as on the wire: ActionType
// says which of the other fields apply.
type Action struct {
	ActionType string `json:"actionType"`

	// LogicApp. URI is the trigger URL, a secret: it is accepted but never served.
	LogicAppResourceID string `json:"logicAppResourceId,omitempty"`
	URI                string `json:"uri,omitempty"`

	// EventHub. ConnectionString is a secret; SASPolicyName is derived from it.
	EventHubResourceID      string `json:"eventHubResourceId,omitempty"`
	ConnectionString        string `json:"connectionString,omitempty"`
	SASPolicyName           string `json:"sasPolicyName,omitempty"`
	IsTrustedServiceEnabled *bool  `json:"isTrustedServiceEnabled,omitempty"`

	// Workspace.
	WorkspaceResourceID string `json:"workspaceResourceId,omitempty"`

	// Kafka (secexport extension). Password is a secret.
	BootstrapServers string `json:"bootstrapServers,omitempty"`
	Topic            string `json:"topic,omitempty"`
	SASLMechanism    string `json:"saslMechanism,omitempty"`
	Username         string `json:"username,omitempty"`
	Password         string `json:"password,omitempty"`
	TLS              *bool  `json:"tls,omitempty"`
	CACertificate    string `json:"caCertificate,omitempty"`
	Compression      string `json:"compression,omitempty"`
}

// Enabled reports whether the automation is enabled (true when isEnabled is absent).
func (a *Automation) Enabled() bool {
	return a.Properties.IsEnabled == nil || *a.Properties.IsEnabled
}

// clone returns a deep copy of a.
func (a Automation) clone() Automation {
	a.Tags = maps.Clone(a.Tags)
	a.Kind = clonePtr(a.Kind)
	p := &a.Properties
	p.IsEnabled = clonePtr(p.IsEnabled)
	p.Scopes = slices.Clone(p.Scopes)
	p.Sources = slices.Clone(p.Sources)
	for i := range p.Sources {
		s := &p.Sources[i]
		s.RuleSets = slices.Clone(s.RuleSets)
		for j := range s.RuleSets {
			s.RuleSets[j].Rules = slices.Clone(s.RuleSets[j].Rules)
		}
	}
	p.Actions = slices.Clone(p.Actions)
	for i := range p.Actions {
		p.Actions[i].IsTrustedServiceEnabled = clonePtr(p.Actions[i].IsTrustedServiceEnabled)
		p.Actions[i].TLS = clonePtr(p.Actions[i].TLS)
	}
	return a
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
