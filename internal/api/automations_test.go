package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/security/armsecurity"
)

const (
	secretSig    = "SECRET-SIG-8c1f0e"
	secretSASKey = "SECRETKEYc2VjcmV0LWtleQ=="
)

func eventHubConnectionString() string {
	return "Endpoint=sb://secexport-test.servicebus.windows.net/;SharedAccessKeyName=send-policy;SharedAccessKey=" + secretSASKey + ";EntityPath=hub1"
}

func sdkAutomation(sub, uri string) armsecurity.Automation {
	return armsecurity.Automation{
		Location: to.Ptr("westeurope"),
		Tags:     map[string]*string{"team": to.Ptr("secops")},
		Properties: &armsecurity.AutomationProperties{
			Description: to.Ptr("export every recommendation"),
			IsEnabled:   to.Ptr(true),
			Scopes:      []*armsecurity.AutomationScope{{Description: to.Ptr("the subscription"), ScopePath: to.Ptr("/subscriptions/" + sub)}},
			Sources:     []*armsecurity.AutomationSource{{EventSource: to.Ptr(armsecurity.EventSourceAssessments)}},
			Actions: []armsecurity.AutomationActionClassification{
				&armsecurity.AutomationActionLogicApp{
					LogicAppResourceID: to.Ptr("/subscriptions/" + sub + "/resourceGroups/logic/providers/Microsoft.Logic/workflows/wf1"),
					URI:                to.Ptr(uri),
				},
				&armsecurity.AutomationActionEventHub{
					EventHubResourceID: to.Ptr("/subscriptions/" + sub + "/resourceGroups/hubs/providers/Microsoft.EventHub/namespaces/secexport-test/eventhubs/hub1"),
					ConnectionString:   to.Ptr(eventHubConnectionString()),
				},
			},
		},
	}
}

// checkPublicActions checks the actions of an automation as served: both
// present, neither carrying its secret, the SAS policy name derived.
func checkPublicActions(t *testing.T, a armsecurity.Automation) {
	t.Helper()
	if a.Properties == nil || len(a.Properties.Actions) != 2 {
		t.Fatalf("actions: got %+v, want a LogicApp and an EventHub action", a.Properties)
	}
	la, ok := a.Properties.Actions[0].(*armsecurity.AutomationActionLogicApp)
	if !ok {
		t.Fatalf("actions[0]: got %T, want LogicApp", a.Properties.Actions[0])
	}
	if la.URI != nil {
		t.Errorf("actions[0].uri is served: %q", *la.URI)
	}
	if la.LogicAppResourceID == nil || !strings.HasSuffix(*la.LogicAppResourceID, "/workflows/wf1") {
		t.Errorf("actions[0].logicAppResourceId: got %v", la.LogicAppResourceID)
	}
	eh, ok := a.Properties.Actions[1].(*armsecurity.AutomationActionEventHub)
	if !ok {
		t.Fatalf("actions[1]: got %T, want EventHub", a.Properties.Actions[1])
	}
	if eh.ConnectionString != nil {
		t.Errorf("actions[1].connectionString is served")
	}
	if eh.SasPolicyName == nil || *eh.SasPolicyName != "send-policy" {
		t.Errorf("actions[1].sasPolicyName: got %v, want send-policy", eh.SasPolicyName)
	}
}

func TestAutomationsSDKLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withEventHub())
	rc := newReceiver(t)
	uri := rc.URL + "/hook?sig=" + secretSig
	client, err := armsecurity.NewAutomationsClient(testSub, e.credential(), e.clientOptions())
	if err != nil {
		t.Fatal(err)
	}
	const rg, name = "automation-rg", "export-all"

	// Create: 201, then the same PUT again: 200.
	var raw *http.Response
	created, err := client.CreateOrUpdate(captured(&raw), rg, name, sdkAutomation(testSub, uri), nil)
	if err != nil {
		t.Fatalf("CreateOrUpdate: %v", err)
	}
	if raw.StatusCode != http.StatusCreated {
		t.Errorf("first PUT: got HTTP %d, want 201", raw.StatusCode)
	}
	wantID := "/subscriptions/" + testSub + "/resourceGroups/" + rg + "/providers/Microsoft.Security/automations/" + name
	if got := *created.ID; got != wantID {
		t.Errorf("id: got %q, want %q", got, wantID)
	}
	if *created.Name != name || *created.Type != "Microsoft.Security/automations" || *created.Location != "westeurope" {
		t.Errorf("name/type/location: got %q %q %q", *created.Name, *created.Type, *created.Location)
	}
	if created.Etag == nil || *created.Etag == "" {
		t.Errorf("etag: missing")
	}
	if got := created.Tags["team"]; got == nil || *got != "secops" {
		t.Errorf("tags: got %v", created.Tags)
	}
	if p := created.Properties; p == nil || !*p.IsEnabled || *p.Description != "export every recommendation" ||
		len(p.Scopes) != 1 || *p.Scopes[0].ScopePath != "/subscriptions/"+testSub ||
		len(p.Sources) != 1 || *p.Sources[0].EventSource != armsecurity.EventSourceAssessments || p.Sources[0].RuleSets == nil || len(p.Sources[0].RuleSets) != 0 {
		t.Errorf("properties: got %s", canonicalValue(t, created.Properties))
	}
	checkPublicActions(t, created.Automation)

	updated, err := client.CreateOrUpdate(captured(&raw), rg, name, sdkAutomation(testSub, uri), nil)
	if err != nil {
		t.Fatalf("second CreateOrUpdate: %v", err)
	}
	if raw.StatusCode != http.StatusOK {
		t.Errorf("second PUT: got HTTP %d, want 200", raw.StatusCode)
	}
	checkPublicActions(t, updated.Automation)

	// Get returns what the last PUT returned.
	got, err := client.Get(captured(&raw), rg, name, nil)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if raw.StatusCode != http.StatusOK {
		t.Errorf("GET: got HTTP %d", raw.StatusCode)
	}
	if canonicalValue(t, got.Automation) != canonicalValue(t, updated.Automation) {
		t.Errorf("GET differs from PUT:\nGET %s\nPUT %s", canonicalValue(t, got.Automation), canonicalValue(t, updated.Automation))
	}

	// PATCH changes the description and tags, keeps the rest, and keeps the
	// write-only uri: events still reach it.
	patched, err := client.Update(captured(&raw), rg, name, armsecurity.AutomationUpdateModel{
		Tags:       map[string]*string{"team": to.Ptr("blue")},
		Properties: &armsecurity.AutomationProperties{Description: to.Ptr("patched")},
	}, nil)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if raw.StatusCode != http.StatusOK {
		t.Errorf("PATCH: got HTTP %d, want 200", raw.StatusCode)
	}
	if *patched.Properties.Description != "patched" || *patched.Tags["team"] != "blue" || len(patched.Tags) != 1 {
		t.Errorf("PATCH result: description %q tags %v", *patched.Properties.Description, patched.Tags)
	}
	if len(patched.Properties.Scopes) != 1 || len(patched.Properties.Sources) != 1 || !*patched.Properties.IsEnabled {
		t.Errorf("PATCH lost properties: %s", canonicalValue(t, patched.Properties))
	}
	checkPublicActions(t, patched.Automation)
	afterPatch, err := client.Get(context.Background(), rg, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if canonicalValue(t, afterPatch.Automation) != canonicalValue(t, patched.Automation) {
		t.Errorf("GET after PATCH differs from the PATCH response")
	}
	e.putMetadata(testSub, "md-1", "Enable MFA", "High")
	mustStatus(t, e.putAssessment(vmID(testSub, "rg-1", "vm-1"), "md-1", "Unhealthy"), http.StatusCreated)
	ev := rc.waitAccepted(t, "/hook", 1)[0]
	if q := ev.Header.Get("X-Secexport-Event-Source"); q != "Assessments" {
		t.Errorf("event source header: got %q", q)
	}

	// Validate: a valid automation, then invalid ones.
	v, err := client.Validate(captured(&raw), rg, name, sdkAutomation(testSub, uri), nil)
	if err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if raw.StatusCode != http.StatusOK || !*v.IsValid || *v.Message != "Validation Successful" {
		t.Errorf("Validate valid: HTTP %d %v %q", raw.StatusCode, *v.IsValid, *v.Message)
	}
	bad := sdkAutomation(testSub, uri)
	bad.Properties.Sources[0].EventSource = to.Ptr(armsecurity.EventSource("Telemetry"))
	v, err = client.Validate(captured(&raw), rg, name, bad, nil)
	if err != nil {
		t.Fatalf("Validate invalid: %v", err)
	}
	if raw.StatusCode != http.StatusOK || *v.IsValid || !strings.Contains(*v.Message, "properties.sources[0].eventSource") {
		t.Errorf("Validate invalid event source: HTTP %d isValid %v message %q", raw.StatusCode, *v.IsValid, *v.Message)
	}
	bad = sdkAutomation(testSub, uri)
	bad.Properties.Actions[1].(*armsecurity.AutomationActionEventHub).ConnectionString = to.Ptr("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=p;SharedAccessKey=" + secretSASKey + ";EntityPath")
	v, err = client.Validate(context.Background(), rg, name, bad, nil)
	if err != nil {
		t.Fatalf("Validate invalid: %v", err)
	}
	if *v.IsValid || !strings.Contains(*v.Message, "properties.actions[1].connectionString") {
		t.Errorf("Validate bad connection string: isValid %v message %q", *v.IsValid, *v.Message)
	}
	bad = sdkAutomation(testSub, uri)
	bad.Properties.Actions = append(bad.Properties.Actions, &armsecurity.AutomationActionWorkspace{
		ActionType:          to.Ptr(armsecurity.ActionTypeWorkspace),
		WorkspaceResourceID: to.Ptr("/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/unregistered"),
	})
	v, err = client.Validate(context.Background(), rg, name, bad, nil)
	if err != nil {
		t.Fatalf("Validate unregistered workspace: %v", err)
	}
	if *v.IsValid || !strings.Contains(*v.Message, "not a workspace registered") {
		t.Errorf("Validate unregistered workspace: isValid %v message %q", *v.IsValid, *v.Message)
	}
	// The automation is unchanged by validation.
	afterValidate, err := client.Get(context.Background(), rg, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if canonicalValue(t, afterValidate.Automation) != canonicalValue(t, patched.Automation) {
		t.Errorf("validate changed the automation")
	}

	// The raw bodies of GET and list carry no secret either.
	for _, path := range []string{automationPath(testSub, rg, name), automationsListPath(testSub, ""), automationsListPath(testSub, rg)} {
		r := e.do(http.MethodGet, path, nil)
		mustStatus(t, r, http.StatusOK)
		if !strings.Contains(string(r.Body), "send-policy") {
			t.Errorf("GET %s: no sasPolicyName in %s", path, r.Body)
		}
		e.bodies.add(r.Body)
	}

	// Delete: 200, then 204; then Get is a 404 ResourceNotFound.
	if _, err := client.Delete(captured(&raw), rg, name, nil); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if raw.StatusCode != http.StatusOK {
		t.Errorf("first DELETE: got HTTP %d, want 200", raw.StatusCode)
	}
	if _, err := client.Delete(captured(&raw), rg, name, nil); err != nil {
		t.Fatalf("second Delete: %v", err)
	}
	if raw.StatusCode != http.StatusNoContent {
		t.Errorf("second DELETE: got HTTP %d, want 204", raw.StatusCode)
	}
	_, err = client.Get(context.Background(), rg, name, nil)
	responseError(t, err, http.StatusNotFound, "ResourceNotFound")

	// No response body, and no log line, ever carried a secret.
	for _, b := range e.bodies.all() {
		for _, secret := range []string{secretSig, uri, secretSASKey, eventHubConnectionString()} {
			if strings.Contains(string(b), secret) {
				t.Errorf("a response body carries a secret (%q): %s", secret, b)
			}
		}
	}
	logs := e.logs.String()
	for _, secret := range []string{secretSig, secretSASKey} {
		if strings.Contains(logs, secret) {
			t.Errorf("the server log carries a secret (%q)", secret)
		}
	}
}

func TestAutomationsSDKPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	client, err := armsecurity.NewAutomationsClient(testSub, e.credential(), e.clientOptions())
	if err != nil {
		t.Fatal(err)
	}
	other, err := armsecurity.NewAutomationsClient(otherSub, e.credential(), e.clientOptions())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want := map[string]string{} // name → resource group
	for i := range 250 {
		name := fmt.Sprintf("many-%03d", i)
		if _, err := client.CreateOrUpdate(ctx, "rg-many", name, sdkAutomationLogicApp(testSub, rc.URL+"/x"), nil); err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		want[name] = "rg-many"
	}
	for i := range 3 {
		name := fmt.Sprintf("few-%d", i)
		if _, err := client.CreateOrUpdate(ctx, "rg-few", name, sdkAutomationLogicApp(testSub, rc.URL+"/x"), nil); err != nil {
			t.Fatal(err)
		}
		want[name] = "rg-few"
	}
	if _, err := other.CreateOrUpdate(ctx, "rg-many", "elsewhere", sdkAutomationLogicApp(otherSub, rc.URL+"/x"), nil); err != nil {
		t.Fatal(err)
	}

	collect := func(t *testing.T, next func() (names []string, nextLink *string, more bool, err error)) (map[string]int, []int) {
		t.Helper()
		seen := map[string]int{}
		var sizes []int
		for {
			names, link, more, err := next()
			if err != nil {
				t.Fatalf("page %d: %v", len(sizes)+1, err)
			}
			if link != nil && !strings.HasPrefix(*link, e.URL+"/") {
				t.Errorf("nextLink %q is not an absolute URL of the server", *link)
			}
			sizes = append(sizes, len(names))
			for _, n := range names {
				seen[n]++
			}
			if !more {
				return seen, sizes
			}
		}
	}
	check := func(t *testing.T, seen map[string]int, sizes []int, rg string, wantSizes []int) {
		t.Helper()
		n := 0
		for name, wrg := range want {
			if rg != "" && wrg != rg {
				continue
			}
			n++
			if seen[name] != 1 {
				t.Errorf("%s seen %d times, want once", name, seen[name])
			}
		}
		if len(seen) != n {
			t.Errorf("saw %d distinct automations, want %d", len(seen), n)
		}
		if fmt.Sprint(sizes) != fmt.Sprint(wantSizes) {
			t.Errorf("page sizes: got %v, want %v", sizes, wantSizes)
		}
	}

	t.Run("subscription", func(t *testing.T) {
		pager := client.NewListPager(nil)
		seen, sizes := collect(t, func() ([]string, *string, bool, error) {
			p, err := pager.NextPage(ctx)
			var names []string
			for _, a := range p.Value {
				names = append(names, *a.Name)
			}
			return names, p.NextLink, pager.More(), err
		})
		check(t, seen, sizes, "", []int{100, 100, 53})
		if seen["elsewhere"] != 0 {
			t.Errorf("the list of %s includes an automation of %s", testSub, otherSub)
		}
	})
	t.Run("resourceGroup", func(t *testing.T) {
		pager := client.NewListByResourceGroupPager("rg-many", nil)
		seen, sizes := collect(t, func() ([]string, *string, bool, error) {
			p, err := pager.NextPage(ctx)
			var names []string
			for _, a := range p.Value {
				names = append(names, *a.Name)
			}
			return names, p.NextLink, pager.More(), err
		})
		check(t, seen, sizes, "rg-many", []int{100, 100, 50})
	})
	t.Run("smallResourceGroup", func(t *testing.T) {
		pager := client.NewListByResourceGroupPager("rg-few", nil)
		p, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Value) != 3 || p.NextLink != nil || pager.More() {
			t.Errorf("got %d items, nextLink %v", len(p.Value), p.NextLink)
		}
	})
	t.Run("emptyResourceGroup", func(t *testing.T) {
		r := e.do(http.MethodGet, automationsListPath(testSub, "rg-none"), nil)
		mustStatus(t, r, http.StatusOK)
		if got := canonical(t, r.Body); got != `{"value":[]}` {
			t.Errorf("got %s, want {\"value\":[]}", got)
		}
	})
	t.Run("top", func(t *testing.T) {
		r := e.do(http.MethodGet, automationsListPath(testSub, "rg-few")+"&$top=2", nil)
		mustStatus(t, r, http.StatusOK)
		body := decode[struct {
			Value    []map[string]any `json:"value"`
			NextLink string           `json:"nextLink"`
		}](t, r.Body)
		if len(body.Value) != 2 || body.NextLink == "" {
			t.Fatalf("$top=2: got %d items, nextLink %q", len(body.Value), body.NextLink)
		}
		r2 := e.do(http.MethodGet, strings.TrimPrefix(body.NextLink, e.URL), nil)
		mustStatus(t, r2, http.StatusOK)
		body2 := decode[struct {
			Value    []map[string]any `json:"value"`
			NextLink string           `json:"nextLink"`
		}](t, r2.Body)
		if len(body2.Value) != 1 || body2.NextLink != "" {
			t.Errorf("second page: got %d items, nextLink %q", len(body2.Value), body2.NextLink)
		}
	})
}

func sdkAutomationLogicApp(sub, uri string) armsecurity.Automation {
	a := sdkAutomation(sub, uri)
	a.Properties.Actions = a.Properties.Actions[:1]
	return a
}
