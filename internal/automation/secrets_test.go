package automation

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPublic(t *testing.T) {
	a := validAutomation()
	a.Tags = map[string]string{"env": "prod"}
	a.Kind = ptr("k")
	a.Properties.Actions[1].IsTrustedServiceEnabled = ptr(false)
	a.Properties.Actions[3].TLS = ptr(true)
	if err := a.Validate(testSub, testRG); err != nil {
		t.Fatal(err)
	}
	pub := a.Public()

	body, err := json.Marshal(pub)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{secretURI, secretCS, secretKey, secretPass, `"uri"`, `"connectionString"`, `"password"`} {
		if strings.Contains(string(body), secret) {
			t.Errorf("Public() JSON contains %q: %s", secret, body)
		}
	}
	if got := pub.Properties.Actions[1].SASPolicyName; got != "sendPolicy" {
		t.Errorf("Public() sasPolicyName = %q, want sendPolicy", got)
	}
	if got := pub.Properties.Actions[3].Username; got != "secexport" {
		t.Errorf("Public() Kafka username = %q, want it kept", got)
	}

	// The copy is deep: changing it leaves a alone.
	pub.Tags["env"] = "changed"
	*pub.Kind = "changed"
	*pub.Properties.IsEnabled = false
	pub.Properties.Scopes[0].ScopePath = "changed"
	pub.Properties.Sources[0].RuleSets[0].Rules[0].ExpectedValue = "changed"
	*pub.Properties.Actions[1].IsTrustedServiceEnabled = true
	*pub.Properties.Actions[3].TLS = false
	if a.Tags["env"] != "prod" || *a.Kind != "k" || !*a.Properties.IsEnabled ||
		a.Properties.Scopes[0].ScopePath == "changed" ||
		a.Properties.Sources[0].RuleSets[0].Rules[0].ExpectedValue == "changed" ||
		*a.Properties.Actions[1].IsTrustedServiceEnabled || !*a.Properties.Actions[3].TLS {
		t.Errorf("changing Public()'s result changed the original")
	}
	if a.Properties.Actions[0].URI != secretURI || a.Properties.Actions[1].ConnectionString != secretCS || a.Properties.Actions[3].Password != secretPass {
		t.Errorf("Public() cleared the original's secrets")
	}
}

func TestKeepSecrets(t *testing.T) {
	prev := validAutomation()
	prev.Properties.Actions = append(prev.Properties.Actions,
		Action{ActionType: ActionLogicApp, URI: "https://no-id-0"},
		Action{ActionType: ActionLogicApp, URI: "https://no-id-1"},
	)
	if err := prev.Validate(testSub, testRG); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		edit func(a *Automation) // applied to prev.Public()
		// check is called with the result's actions.
		check func(t *testing.T, acts []Action)
	}{
		{"GET-modify-PUT keeps every secret", func(a *Automation) { a.Properties.Description = "new" }, func(t *testing.T, acts []Action) {
			want := []string{secretURI, secretCS, "", secretPass, "https://no-id-0", "https://no-id-1"}
			for i, w := range want {
				if got := acts[i].URI + acts[i].ConnectionString + acts[i].Password; got != w {
					t.Errorf("action %d secret = %q, want %q", i, got, w)
				}
			}
		}},
		{"reordered actions follow their target", func(a *Automation) {
			acts := a.Properties.Actions
			acts[0], acts[1], acts[3] = acts[3], acts[0], acts[1]
		}, func(t *testing.T, acts []Action) {
			if acts[0].Password != secretPass || acts[1].URI != secretURI || acts[3].ConnectionString != secretCS {
				t.Errorf("secrets did not follow their actions: %+v", acts)
			}
		}},
		{"target ids compare case-insensitively", func(a *Automation) {
			a.Properties.Actions[0].LogicAppResourceID = strings.ToUpper(logicAppID)
			a.Properties.Actions[1].EventHubResourceID = strings.ToUpper(hubID)
			a.Properties.Actions[3].BootstrapServers = "K1:9092,k2:9093"
		}, func(t *testing.T, acts []Action) {
			if acts[0].URI != secretURI || acts[1].ConnectionString != secretCS || acts[3].Password != secretPass {
				t.Errorf("secrets not kept: %+v", acts)
			}
		}},
		{"a new secret wins", func(a *Automation) {
			a.Properties.Actions[0].URI = "https://new"
			a.Properties.Actions[1].ConnectionString = "new"
			a.Properties.Actions[3].Password = "new"
		}, func(t *testing.T, acts []Action) {
			if acts[0].URI != "https://new" || acts[1].ConnectionString != "new" || acts[3].Password != "new" {
				t.Errorf("a secret the client sent was replaced: %+v", acts)
			}
		}},
		{"another target gets no secret", func(a *Automation) {
			a.Properties.Actions[0].LogicAppResourceID += "2"
			a.Properties.Actions[1].EventHubResourceID += "2"
			a.Properties.Actions[3].Topic += "2"
		}, func(t *testing.T, acts []Action) {
			if acts[0].URI != "" || acts[1].ConnectionString != "" || acts[3].Password != "" {
				t.Errorf("a secret moved to another target: %+v", acts)
			}
		}},
		{"another Kafka user gets no password", func(a *Automation) { a.Properties.Actions[3].Username = "other" }, func(t *testing.T, acts []Action) {
			if acts[3].Password != "" {
				t.Errorf("password kept for another user")
			}
		}},
		{"secrets follow type and target, not position", func(a *Automation) {
			a.Properties.Actions[1] = Action{ActionType: ActionKafka, BootstrapServers: "k1:9092, k2:9093", Topic: "security.events", Username: "secexport"}
			a.Properties.Actions[3] = Action{ActionType: ActionEventHub, EventHubResourceID: hubID}
		}, func(t *testing.T, acts []Action) {
			if acts[1].Password != secretPass || acts[3].ConnectionString != secretCS {
				t.Errorf("secrets should follow type and target, not position: %+v", acts)
			}
		}},
		{"logic apps without ids match by index", func(a *Automation) {
			acts := a.Properties.Actions
			acts[4], acts[5] = acts[5], acts[4] // indistinguishable: the index decides
		}, func(t *testing.T, acts []Action) {
			if acts[4].URI != "https://no-id-0" || acts[5].URI != "https://no-id-1" {
				t.Errorf("uris = %q, %q; want by index", acts[4].URI, acts[5].URI)
			}
		}},
		{"logic app without id at a new index", func(a *Automation) {
			a.Properties.Actions = append(a.Properties.Actions, Action{ActionType: ActionLogicApp})
		}, func(t *testing.T, acts []Action) {
			if acts[6].URI != "" {
				t.Errorf("new Logic App action got uri %q", acts[6].URI)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := prev.Public()
			tt.edit(&a)
			a.KeepSecrets(prev)
			tt.check(t, a.Properties.Actions)
		})
	}
}

func TestKeepSecretsThenValidate(t *testing.T) {
	prev := validAutomation()
	if err := prev.Validate(testSub, testRG); err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(prev.Public())
	if err != nil {
		t.Fatal(err)
	}
	next, err := Decode(body)
	if err != nil {
		t.Fatal(err)
	}
	next.KeepSecrets(prev)
	if err := next.Validate(testSub, testRG); err != nil {
		t.Fatalf("GET-modify-PUT does not validate: %v", err)
	}
	for i := range next.Properties.Actions {
		if next.Properties.Actions[i].Fingerprint() != prev.Properties.Actions[i].Fingerprint() {
			t.Errorf("action %d: fingerprint changed across GET-modify-PUT", i)
		}
	}
}

func TestFingerprint(t *testing.T) {
	base := validAutomation().Properties.Actions
	fp := func(a Action) string { return a.Fingerprint() }
	for i, a := range base {
		if got := fp(a); len(got) != 64 || strings.Trim(got, "0123456789abcdef") != "" {
			t.Errorf("action %d: Fingerprint = %q, want 64 hex digits", i, got)
		}
		if fp(a) != fp(a) {
			t.Errorf("action %d: Fingerprint is not stable", i)
		}
	}
	same := []struct {
		name string
		a, b Action
	}{
		{"resource id case", base[2], Action{ActionType: "workspace", WorkspaceResourceID: strings.ToUpper(workspace)}},
		{"sasPolicyName is derived", base[1], func() Action { a := base[1]; a.SASPolicyName = "x"; return a }()},
		{"kafka compression is not the destination", base[3], func() Action { a := base[3]; a.Compression = "gzip"; return a }()},
		{"kafka server list spacing", base[3], func() Action { a := base[3]; a.BootstrapServers = "k1:9092,k2:9093"; return a }()},
		// Rotating a secret keeps the destination, its queue and dead letters.
		{"logic app uri signature", base[0], func() Action { a := base[0]; a.URI += "x"; return a }()},
		{"event hub key", base[1], func() Action { a := base[1]; a.ConnectionString += "x"; return a }()},
		{"event hub trusted service", base[1], func() Action { a := base[1]; a.IsTrustedServiceEnabled = ptr(true); return a }()},
		{"kafka password", base[3], func() Action { a := base[3]; a.Password += "x"; return a }()},
	}
	for _, tt := range same {
		if fp(tt.a) != fp(tt.b) {
			t.Errorf("%s: fingerprints differ", tt.name)
		}
	}
	differ := []struct {
		name string
		a, b Action
	}{
		{"logic app id", base[0], func() Action { a := base[0]; a.LogicAppResourceID += "x"; return a }()},
		{"workspace", base[2], func() Action { a := base[2]; a.WorkspaceResourceID += "x"; return a }()},
		{"kafka topic", base[3], func() Action { a := base[3]; a.Topic += "x"; return a }()},
		{"field boundaries", Action{ActionType: ActionKafka, BootstrapServers: "a", Topic: "bc"}, Action{ActionType: ActionKafka, BootstrapServers: "ab", Topic: "c"}},
		{"type", Action{ActionType: ActionLogicApp}, Action{ActionType: ActionWorkspace}},
	}
	for _, tt := range differ {
		if fp(tt.a) == fp(tt.b) {
			t.Errorf("%s: fingerprints equal", tt.name)
		}
	}
	logicApp := Action{ActionType: ActionLogicApp, URI: "https://prod.logic.azure.com/workflows/a/triggers/manual?sig=1"}
	for _, tt := range []struct {
		name string
		b    Action
		same bool
	}{
		{"other signature", Action{ActionType: ActionLogicApp, URI: "https://PROD.logic.azure.com/workflows/a/triggers/manual?sig=2"}, true},
		{"other workflow", Action{ActionType: ActionLogicApp, URI: "https://prod.logic.azure.com/workflows/b/triggers/manual?sig=1"}, false},
	} {
		if (fp(logicApp) == fp(tt.b)) != tt.same {
			t.Errorf("logic app without resource id, %s: same fingerprint = %v, want %v", tt.name, !tt.same, tt.same)
		}
	}
	a := base[3]
	b := a
	b.Password += "x"
	if a.ConfigHash() == b.ConfigHash() {
		t.Errorf("ConfigHash ignores the password")
	}
	if strings.Contains(fp(base[3]), secretPass) {
		t.Errorf("fingerprint shows the password")
	}
}
