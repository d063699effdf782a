package automation

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/model"
)

const (
	testSub = "a5caac9c-5c04-49af-b3d0-e204f40345d5"
	testRG  = "exampleResourceGroup"

	secretURI  = "https://prod-01.westeurope.logic.azure.com/workflows/x/triggers/manual/run?sig=SECRETSIG"
	secretKey  = "SECRETKEYc2VjcmV0S2V5VmFsdWU="
	secretCS   = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=sendPolicy;SharedAccessKey=" + secretKey
	secretPass = "SECRETPASSWORD"
	hubID      = "/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns/eventhubs/hub"
	workspace  = "/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws"
	logicAppID = "/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.Logic/workflows/wf"
)

func ptr[T any](v T) *T { return &v }

// validAutomation returns a fresh automation that validates, with one action
// of every type.
func validAutomation() Automation {
	return Automation{
		Location: "westeurope",
		Properties: Properties{
			Scopes: []Scope{{ScopePath: "/subscriptions/" + testSub}},
			Sources: []Source{
				{EventSource: model.SourceAlerts, RuleSets: []RuleSet{{Rules: []Rule{
					{PropertyJPath: "Severity", PropertyType: "String", ExpectedValue: "High", Operator: "Equals"},
				}}}},
				{EventSource: model.SourceAssessments, RuleSets: []RuleSet{{}, {Rules: []Rule{
					{PropertyJPath: "properties.metadata.severity", PropertyType: "String", ExpectedValue: "High", Operator: "Equals"},
					{PropertyJPath: "properties.score", PropertyType: "Number", ExpectedValue: "2.5", Operator: "GreaterThan"},
				}}}},
			},
			Actions: []Action{
				{ActionType: ActionLogicApp, LogicAppResourceID: logicAppID, URI: secretURI},
				{ActionType: ActionEventHub, EventHubResourceID: hubID, ConnectionString: secretCS},
				{ActionType: ActionWorkspace, WorkspaceResourceID: workspace},
				{ActionType: ActionKafka, BootstrapServers: "k1:9092, k2:9093", Topic: "security.events",
					SASLMechanism: "SCRAM-SHA-512", Username: "secexport", Password: secretPass},
			},
		},
	}
}

func TestValidateValid(t *testing.T) {
	a := validAutomation()
	if err := a.Validate(testSub, testRG); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if a.Properties.IsEnabled == nil || !*a.Properties.IsEnabled {
		t.Errorf("isEnabled = %v, want true by default", a.Properties.IsEnabled)
	}
	if got := a.Properties.Actions[1].SASPolicyName; got != "sendPolicy" {
		t.Errorf("sasPolicyName = %q, want sendPolicy", got)
	}
}

func TestValidateNormalises(t *testing.T) {
	a := validAutomation()
	a.Properties.IsEnabled = ptr(false)
	a.Properties.Scopes[0].ScopePath = "/SUBSCRIPTIONS/" + strings.ToUpper(testSub) + "/resourcegroups/Other-RG"
	a.Properties.Sources[0].EventSource = "alerts"
	a.Properties.Sources[0].RuleSets[0].Rules[0] = Rule{PropertyJPath: "Severity", PropertyType: "string", ExpectedValue: "high", Operator: "equals"}
	a.Properties.Sources[1].EventSource = "ASSESSMENTSSNAPSHOT"
	a.Properties.Sources[1].RuleSets[1].Rules[1].Operator = "lesserthanorequalto"
	a.Properties.Actions[0].ActionType = "logicapp"
	a.Properties.Actions[0].Password = "stray" // not a Logic App field
	a.Properties.Actions[1].ActionType = "EVENTHUB"
	a.Properties.Actions[1].SASPolicyName = "client-sent"
	a.Properties.Actions[2].ActionType = "workspace"
	a.Properties.Actions[3].ActionType = "kafka"
	a.Properties.Actions[3].SASLMechanism = "scram-sha-256"
	a.Properties.Actions[3].Compression = "ZSTD"

	if err := a.Validate(testSub, testRG); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	p := a.Properties
	checks := []struct{ name, got, want string }{
		{"sources[0].eventSource", string(p.Sources[0].EventSource), "Alerts"},
		{"sources[1].eventSource", string(p.Sources[1].EventSource), "AssessmentsSnapshot"},
		{"propertyType", p.Sources[0].RuleSets[0].Rules[0].PropertyType, "String"},
		{"operator", p.Sources[0].RuleSets[0].Rules[0].Operator, "Equals"},
		{"expectedValue kept as sent", p.Sources[0].RuleSets[0].Rules[0].ExpectedValue, "high"},
		{"operator Lesser", p.Sources[1].RuleSets[1].Rules[1].Operator, "LesserThanOrEqualTo"},
		{"actions[0].actionType", p.Actions[0].ActionType, "LogicApp"},
		{"actions[0].password dropped", p.Actions[0].Password, ""},
		{"actions[1].actionType", p.Actions[1].ActionType, "EventHub"},
		{"actions[1].sasPolicyName derived", p.Actions[1].SASPolicyName, "sendPolicy"},
		{"actions[2].actionType", p.Actions[2].ActionType, "Workspace"},
		{"actions[3].actionType", p.Actions[3].ActionType, "Kafka"},
		{"saslMechanism", p.Actions[3].SASLMechanism, "SCRAM-SHA-256"},
		{"compression", p.Actions[3].Compression, "zstd"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if *p.IsEnabled {
		t.Errorf("isEnabled: an explicit false became true")
	}
}

func TestValidateErrors(t *testing.T) {
	rule := func(a *Automation) *Rule { return &a.Properties.Sources[1].RuleSets[1].Rules[0] }
	logicApp := func(a *Automation) *Action { return &a.Properties.Actions[0] }
	eventHub := func(a *Automation) *Action { return &a.Properties.Actions[1] }
	ws := func(a *Automation) *Action { return &a.Properties.Actions[2] }
	kafka := func(a *Automation) *Action { return &a.Properties.Actions[3] }
	const rulePath = "properties.sources[1].ruleSets[1].rules[0]."

	tests := []struct {
		name     string
		edit     func(*Automation)
		wantPath string
		wantMsg  string
	}{
		// Resource.
		{"location missing", func(a *Automation) { a.Location = "" }, "location", "is required"},

		// Scopes.
		{"no scopes", func(a *Automation) { a.Properties.Scopes = nil }, "properties.scopes", "at least one scope"},
		{"scope path empty", func(a *Automation) { a.Properties.Scopes[0].ScopePath = "" }, "properties.scopes[0].scopePath", "is required"},
		{"scope other subscription", func(a *Automation) {
			a.Properties.Scopes = append(a.Properties.Scopes, Scope{ScopePath: "/subscriptions/e54a4a18-5b94-4f90-9471-bd3decad8a2e"})
		}, "properties.scopes[1].scopePath", "is outside subscription " + testSub},
		{"scope other subscription's group", func(a *Automation) {
			a.Properties.Scopes[0].ScopePath = "/subscriptions/e54a4a18-5b94-4f90-9471-bd3decad8a2e/resourceGroups/rg"
		}, "properties.scopes[0].scopePath", "is outside subscription"},
		{"scope malformed", func(a *Automation) { a.Properties.Scopes[0].ScopePath = "subscriptions/" + testSub },
			"properties.scopes[0].scopePath", "is not a subscription or resource group path"},
		{"scope trailing slash", func(a *Automation) { a.Properties.Scopes[0].ScopePath = "/subscriptions/" + testSub + "/" },
			"properties.scopes[0].scopePath", "is not a subscription or resource group path"},
		{"scope bad resource group name", func(a *Automation) {
			a.Properties.Scopes[0].ScopePath = "/subscriptions/" + testSub + "/resourceGroups/a b"
		}, "properties.scopes[0].scopePath", "is not a subscription or resource group path"},
		{"scope deeper than a group", func(a *Automation) {
			a.Properties.Scopes[0].ScopePath = "/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm"
		}, "properties.scopes[0].scopePath", "is deeper than a resource group"},

		// Sources.
		{"no sources", func(a *Automation) { a.Properties.Sources = []Source{} }, "properties.sources", "at least one source"},
		{"event source missing", func(a *Automation) { a.Properties.Sources[1].EventSource = "" },
			"properties.sources[1].eventSource", "is required; use one of Assessments, AssessmentsSnapshot"},
		{"event source unknown", func(a *Automation) { a.Properties.Sources[0].EventSource = "Alertz" },
			"properties.sources[0].eventSource", `"Alertz" is not a supported event source; use one of Assessments`},

		// Rules.
		{"path missing", func(a *Automation) { rule(a).PropertyJPath = "" }, rulePath + "propertyJPath", "is required"},
		{"path empty segment", func(a *Automation) { rule(a).PropertyJPath = "a..b" }, rulePath + "propertyJPath", `"a..b" is not a valid property path: it has an empty property name`},
		{"path trailing dot", func(a *Automation) { rule(a).PropertyJPath = "properties." }, rulePath + "propertyJPath", "empty property name"},
		{"path only $", func(a *Automation) { rule(a).PropertyJPath = "$." }, rulePath + "propertyJPath", "names no property"},
		{"path bad index", func(a *Automation) { rule(a).PropertyJPath = "Entities[x]" }, rulePath + "propertyJPath", "array index that is not a non-negative integer"},
		{"path negative index", func(a *Automation) { rule(a).PropertyJPath = "Entities[-1]" }, rulePath + "propertyJPath", "array index"},
		{"path index without name", func(a *Automation) { rule(a).PropertyJPath = "[x]" }, rulePath + "propertyJPath", "index with no property name"},
		{"path unclosed bracket", func(a *Automation) { rule(a).PropertyJPath = "a[0" }, rulePath + "propertyJPath", `"[" without a matching "]"`},
		{"path stray bracket", func(a *Automation) { rule(a).PropertyJPath = "a]" }, rulePath + "propertyJPath", `"]" without a matching "["`},
		{"path text after index", func(a *Automation) { rule(a).PropertyJPath = "a[0]b" }, rulePath + "propertyJPath", `text after "]"`},
		{"type missing", func(a *Automation) { rule(a).PropertyType = "" }, rulePath + "propertyType", "is required; use one of String, Integer, Number, Boolean"},
		{"type unknown", func(a *Automation) { rule(a).PropertyType = "Text" }, rulePath + "propertyType", `"Text" is not a supported property type; use one of String, Integer, Number, Boolean`},
		{"operator missing", func(a *Automation) { rule(a).Operator = "" }, rulePath + "operator", "is required"},
		{"operator unknown", func(a *Automation) { rule(a).Operator = "Equalz" }, rulePath + "operator",
			`"Equalz" is not a supported operator; use one of Equals, NotEquals, GreaterThan, GreaterThanOrEqualTo, LesserThan, LesserThanOrEqualTo, Contains, StartsWith, EndsWith`},
		{"operator LessThan is not Azure's spelling", func(a *Automation) { rule(a).Operator = "LessThan" }, rulePath + "operator", "is not a supported operator"},
		{"GreaterThan on String", func(a *Automation) { rule(a).Operator = "GreaterThan" }, rulePath + "operator",
			"GreaterThan does not apply to propertyType String; use one of Equals, NotEquals, Contains, StartsWith, EndsWith"},
		{"LesserThanOrEqualTo on Boolean", func(a *Automation) {
			*rule(a) = Rule{PropertyJPath: "IsIncident", PropertyType: "Boolean", ExpectedValue: "true", Operator: "LesserThanOrEqualTo"}
		}, rulePath + "operator", "does not apply to propertyType Boolean; use one of Equals, NotEquals"},
		{"Contains on Integer", func(a *Automation) {
			*rule(a) = Rule{PropertyJPath: "n", PropertyType: "Integer", ExpectedValue: "1", Operator: "Contains"}
		}, rulePath + "operator", "Contains does not apply to propertyType Integer"},
		{"StartsWith on Number", func(a *Automation) {
			*rule(a) = Rule{PropertyJPath: "n", PropertyType: "Number", ExpectedValue: "1", Operator: "StartsWith"}
		}, rulePath + "operator", "StartsWith does not apply to propertyType Number"},
		{"Integer not a number", func(a *Automation) {
			*rule(a) = Rule{PropertyJPath: "n", PropertyType: "Integer", ExpectedValue: "ten", Operator: "Equals"}
		}, rulePath + "expectedValue", `"ten" is not an Integer`},
		{"Integer with a fraction", func(a *Automation) {
			*rule(a) = Rule{PropertyJPath: "n", PropertyType: "Integer", ExpectedValue: "1.5", Operator: "Equals"}
		}, rulePath + "expectedValue", `"1.5" is not an Integer`},
		{"Integer overflows int64", func(a *Automation) {
			*rule(a) = Rule{PropertyJPath: "n", PropertyType: "Integer", ExpectedValue: "9223372036854775808", Operator: "Equals"}
		}, rulePath + "expectedValue", "is not an Integer"},
		{"Number not a number", func(a *Automation) {
			*rule(a) = Rule{PropertyJPath: "n", PropertyType: "Number", ExpectedValue: "NaN", Operator: "Equals"}
		}, rulePath + "expectedValue", `"NaN" is not a Number`},
		{"Number empty", func(a *Automation) {
			*rule(a) = Rule{PropertyJPath: "n", PropertyType: "Number", ExpectedValue: "", Operator: "Equals"}
		}, rulePath + "expectedValue", `"" is not a Number`},
		{"Boolean not a boolean", func(a *Automation) {
			*rule(a) = Rule{PropertyJPath: "IsIncident", PropertyType: "Boolean", ExpectedValue: "yes", Operator: "Equals"}
		}, rulePath + "expectedValue", `"yes" is not a Boolean; use true or false`},

		// Actions.
		{"no actions", func(a *Automation) { a.Properties.Actions = nil }, "properties.actions", "at least one action is required: LogicApp, EventHub, Workspace, Kafka"},
		{"action type missing", func(a *Automation) { logicApp(a).ActionType = "" }, "properties.actions[0].actionType", "is required"},
		{"action type unknown", func(a *Automation) { ws(a).ActionType = "Webhook" }, "properties.actions[2].actionType",
			`"Webhook" is not a supported action type; use one of LogicApp, EventHub, Workspace, Kafka`},
		{"logic app uri missing", func(a *Automation) { logicApp(a).URI = "" }, "properties.actions[0].uri", "is required"},
		{"logic app uri relative", func(a *Automation) { logicApp(a).URI = "/workflows/x?sig=SECRETSIG" }, "properties.actions[0].uri", "must be an absolute http or https URL"},
		{"logic app uri not http", func(a *Automation) { logicApp(a).URI = "ftp://host/x?sig=SECRETSIG" }, "properties.actions[0].uri", "must be an absolute http or https URL"},
		{"logic app uri unparsable", func(a *Automation) { logicApp(a).URI = "https://host/%zz?sig=SECRETSIG" }, "properties.actions[0].uri", "must be an absolute"},
		{"event hub id missing", func(a *Automation) { eventHub(a).EventHubResourceID = "" }, "properties.actions[1].eventHubResourceId", "is required"},
		{"event hub connection string missing", func(a *Automation) { eventHub(a).ConnectionString = "" },
			"properties.actions[1].connectionString", "is required unless isTrustedServiceEnabled is true"},
		{"event hub connection string missing, trusted service off", func(a *Automation) {
			eventHub(a).ConnectionString, eventHub(a).IsTrustedServiceEnabled = "", ptr(false)
		}, "properties.actions[1].connectionString", "is required unless"},
		{"event hub connection string without key", func(a *Automation) {
			eventHub(a).ConnectionString = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send"
		}, "properties.actions[1].connectionString", "is not a valid Event Hubs connection string: connection string has no SharedAccessKey"},
		{"event hub connection string without hub", func(a *Automation) {
			eventHub(a).EventHubResourceID = "/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns"
		}, "properties.actions[1].connectionString", "no event hub named"},
		{"event hub trusted service with a bad connection string", func(a *Automation) {
			eventHub(a).IsTrustedServiceEnabled = ptr(true)
			eventHub(a).ConnectionString = "SharedAccessKeyName=send;SharedAccessKey=" + secretKey
		}, "properties.actions[1].connectionString", "has no Endpoint"},
		{"workspace id missing", func(a *Automation) { ws(a).WorkspaceResourceID = "" }, "properties.actions[2].workspaceResourceId", "is required"},
		{"workspace id of another type", func(a *Automation) { ws(a).WorkspaceResourceID = hubID }, "properties.actions[2].workspaceResourceId", "is not a Log Analytics workspace id"},
		{"workspace id without name", func(a *Automation) {
			ws(a).WorkspaceResourceID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/"
		}, "properties.actions[2].workspaceResourceId", "is not a Log Analytics workspace id"},
		{"kafka servers missing", func(a *Automation) { kafka(a).BootstrapServers = " " }, "properties.actions[3].bootstrapServers", "is required"},
		{"kafka server without port", func(a *Automation) { kafka(a).BootstrapServers = "k1:9092,k2" }, "properties.actions[3].bootstrapServers", `"k2" is not host:port`},
		{"kafka server bad port", func(a *Automation) { kafka(a).BootstrapServers = "k1:90920" }, "properties.actions[3].bootstrapServers", `has port "90920"`},
		{"kafka server empty entry", func(a *Automation) { kafka(a).BootstrapServers = "k1:9092,,k2:9092" }, "properties.actions[3].bootstrapServers", "empty entry"},
		{"kafka topic missing", func(a *Automation) { kafka(a).Topic = "" }, "properties.actions[3].topic", "is required"},
		{"kafka topic bad character", func(a *Automation) { kafka(a).Topic = "security/events" }, "properties.actions[3].topic", `character '/'`},
		{"kafka topic too long", func(a *Automation) { kafka(a).Topic = strings.Repeat("t", 250) }, "properties.actions[3].topic", "at most 249"},
		{"kafka topic dot", func(a *Automation) { kafka(a).Topic = ".." }, "properties.actions[3].topic", "is not allowed"},
		{"kafka sasl unknown", func(a *Automation) { kafka(a).SASLMechanism = "GSSAPI" }, "properties.actions[3].saslMechanism",
			`"GSSAPI" is not a supported SASL mechanism; use one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512`},
		{"kafka sasl username missing", func(a *Automation) { kafka(a).Username = "" }, "properties.actions[3].username", "is required with saslMechanism SCRAM-SHA-512"},
		{"kafka sasl password missing", func(a *Automation) { kafka(a).Password = "" }, "properties.actions[3].password", "is required with saslMechanism"},
		{"kafka credentials without sasl", func(a *Automation) { kafka(a).SASLMechanism = "" }, "properties.actions[3].saslMechanism", "is required when username or password is set"},
		{"kafka compression unknown", func(a *Automation) { kafka(a).Compression = "brotli" }, "properties.actions[3].compression",
			`"brotli" is not a supported compression; use one of none, gzip, snappy, lz4, zstd`},
		{"kafka ca not PEM", func(a *Automation) { kafka(a).CACertificate = "not pem" }, "properties.actions[3].caCertificate", "BEGIN CERTIFICATE"},
		{"kafka ca is a key", func(a *Automation) {
			kafka(a).CACertificate = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte("x")}))
		}, "properties.actions[3].caCertificate", "BEGIN CERTIFICATE"},
		{"kafka ca garbage certificate", func(a *Automation) {
			kafka(a).CACertificate = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("x")}))
		}, "properties.actions[3].caCertificate", "not an X.509 certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validAutomation()
			tt.edit(&a)
			err := a.Validate(testSub, testRG)
			t.Log(err)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want a *ValidationError", err)
			}
			if ve.Path != tt.wantPath {
				t.Errorf("Path = %q, want %q (error: %v)", ve.Path, tt.wantPath, err)
			}
			if !strings.Contains(ve.Message, tt.wantMsg) {
				t.Errorf("Message = %q, want it to contain %q", ve.Message, tt.wantMsg)
			}
			if ve.Error() != ve.Path+": "+ve.Message {
				t.Errorf("Error() = %q, want Path: Message", ve.Error())
			}
			for _, secret := range []string{"SECRET", secretKey, secretPass} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q reveals a secret", err)
				}
			}
		})
	}
}

func TestValidateEventHubTrustedService(t *testing.T) {
	a := validAutomation()
	eh := &a.Properties.Actions[1]
	eh.ConnectionString, eh.SASPolicyName, eh.IsTrustedServiceEnabled = "", "stale", ptr(true)
	if err := a.Validate(testSub, testRG); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if eh.SASPolicyName != "" {
		t.Errorf("sasPolicyName = %q with no connection string, want empty", eh.SASPolicyName)
	}
}

func TestValidateEventHubErrorUnwraps(t *testing.T) {
	a := validAutomation()
	a.Properties.Actions[1].ConnectionString = "SharedAccessKey=" + secretKey
	err := a.Validate(testSub, testRG)
	if err == nil || errors.Unwrap(err) == nil {
		t.Fatalf("Validate = %v, want an error wrapping the parser's", err)
	}
}

func TestValidateKafkaCACertificate(t *testing.T) {
	a := validAutomation()
	a.Properties.Actions[3].CACertificate = testCertificatePEM(t)
	a.Properties.Actions[3].TLS = ptr(true)
	if err := a.Validate(testSub, testRG); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

func TestValidateKafkaWithoutAuth(t *testing.T) {
	a := validAutomation()
	k := &a.Properties.Actions[3]
	k.SASLMechanism, k.Username, k.Password = "", "", ""
	k.BootstrapServers = "[::1]:9092"
	if err := a.Validate(testSub, testRG); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

func TestValidateRuleSetsOptional(t *testing.T) {
	a := validAutomation()
	a.Properties.Sources = []Source{{EventSource: model.SourceSecureScores}, {EventSource: model.SourceSubAssessments, RuleSets: []RuleSet{}}}
	a.Properties.Scopes = []Scope{{ScopePath: "/subscriptions/" + testSub + "/resourceGroups/rg1"}, {ScopePath: "/subscriptions/" + testSub}}
	if err := a.Validate(testSub, testRG); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

func testCertificatePEM(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
