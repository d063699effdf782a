package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/security/armsecurity"
)

func TestAlertsSDK(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rc := newReceiver(t)
	ctx := context.Background()
	const sub = exampleSub
	e.putAutomation(sub, "automations", "alerts", automationSpec{uri: rc.URL + "/alerts", sources: []any{source("Alerts")}})

	a1 := alertID(sub, "myRg1", "westeurope", "alert-1")
	a2 := alertID(sub, "myRg2", "westeurope", "alert-2")
	a3 := "/subscriptions/" + sub + "/providers/Microsoft.Security/locations/eastus/alerts/alert-3" // no resource group
	lines := []string{alertLine(t, a1), alertLine(t, a2), alertLine(t, a3)}
	template := alertLine(t, alertID(sub, "myRg3", "westeurope", "TEMPLATE"))
	for i := range 140 {
		id := alertID(sub, "myRg3", "westeurope", fmt.Sprintf("bulk-%03d", i))
		lines = append(lines, strings.ReplaceAll(template, alertID(sub, "myRg3", "westeurope", "TEMPLATE"), id))
	}
	lines = append(lines, alertLine(t, alertID(otherSub, "myRg1", "westeurope", "alert-other")))
	if rep := e.ingest(lines...); rep.Accepted != len(lines) || rep.Events != len(lines)-1 {
		t.Fatalf("ingest: %+v", rep)
	}
	client, err := armsecurity.NewAlertsClient(sub, e.credential(), e.clientOptions())
	if err != nil {
		t.Fatal(err)
	}

	collect := func(t *testing.T, next func() ([]*armsecurity.Alert, error), more func() bool) (map[string]int, []int) {
		t.Helper()
		seen := map[string]int{}
		var sizes []int
		for more() {
			page, err := next()
			if err != nil {
				t.Fatalf("page %d: %v", len(sizes)+1, err)
			}
			sizes = append(sizes, len(page))
			for _, a := range page {
				seen[*a.ID]++
			}
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("%s listed %d times", id, n)
			}
		}
		return seen, sizes
	}

	t.Run("List", func(t *testing.T) {
		p := client.NewListPager(nil)
		seen, sizes := collect(t, func() ([]*armsecurity.Alert, error) { r, err := p.NextPage(ctx); return r.Value, err }, p.More)
		if len(seen) != 143 || fmt.Sprint(sizes) != "[100 43]" {
			t.Errorf("got %d alerts in pages %v, want 143 in [100 43]", len(seen), sizes)
		}
		for _, id := range []string{a1, a2, a3} {
			if seen[id] != 1 {
				t.Errorf("%s not listed", id)
			}
		}
	})
	t.Run("ListByResourceGroup", func(t *testing.T) {
		p := client.NewListByResourceGroupPager("myRg1", nil)
		seen, _ := collect(t, func() ([]*armsecurity.Alert, error) { r, err := p.NextPage(ctx); return r.Value, err }, p.More)
		if len(seen) != 1 || seen[a1] != 1 {
			t.Errorf("got %v, want only %s", seen, a1)
		}
	})
	t.Run("ListSubscriptionLevelByRegion", func(t *testing.T) {
		p := client.NewListSubscriptionLevelByRegionPager("westeurope", nil)
		seen, _ := collect(t, func() ([]*armsecurity.Alert, error) { r, err := p.NextPage(ctx); return r.Value, err }, p.More)
		if len(seen) != 142 || seen[a3] != 0 {
			t.Errorf("got %d alerts (eastus one listed: %v), want the 142 in westeurope", len(seen), seen[a3] == 1)
		}
	})
	t.Run("ListResourceGroupLevelByRegion", func(t *testing.T) {
		p := client.NewListResourceGroupLevelByRegionPager("westeurope", "myRg2", nil)
		seen, _ := collect(t, func() ([]*armsecurity.Alert, error) { r, err := p.NextPage(ctx); return r.Value, err }, p.More)
		if len(seen) != 1 || seen[a2] != 1 {
			t.Errorf("got %v, want only %s", seen, a2)
		}
	})

	// Get at subscription level finds an alert that lives in a resource
	// group; its id keeps the group, as Azure's does.
	check := func(t *testing.T, a armsecurity.Alert, id string) {
		t.Helper()
		if *a.ID != id || *a.Name != id[strings.LastIndexByte(id, '/')+1:] || *a.Type != "Microsoft.Security/Locations/alerts" {
			t.Errorf("id/name/type: got %q %q %q", *a.ID, *a.Name, *a.Type)
		}
		p := a.Properties
		if p == nil || *p.AlertDisplayName != "Azure Security Center test alert (not a threat)" || *p.Severity != armsecurity.AlertSeverityHigh ||
			*p.Status != armsecurity.AlertStatusActive || p.StartTimeUTC == nil || p.StartTimeUTC.Year() != 2020 || len(p.ResourceIdentifiers) != 2 {
			t.Errorf("properties: got %s", canonicalValue(t, a.Properties))
		}
	}
	got, err := client.GetSubscriptionLevel(ctx, "westeurope", "alert-1", nil)
	if err != nil {
		t.Fatalf("GetSubscriptionLevel: %v", err)
	}
	check(t, got.Alert, a1)
	rgGot, err := client.GetResourceGroupLevel(ctx, "myRg1", "westeurope", "alert-1", nil)
	if err != nil {
		t.Fatalf("GetResourceGroupLevel: %v", err)
	}
	check(t, rgGot.Alert, a1)
	got, err = client.GetSubscriptionLevel(ctx, "eastus", "alert-3", nil)
	if err != nil {
		t.Fatalf("GetSubscriptionLevel of a subscription-level alert: %v", err)
	}
	check(t, got.Alert, a3)

	// 404s: unknown name, wrong location, wrong resource group, another subscription's alert.
	_, err = client.GetSubscriptionLevel(ctx, "westeurope", "nope", nil)
	responseError(t, err, http.StatusNotFound, "ResourceNotFound")
	_, err = client.GetSubscriptionLevel(ctx, "eastus", "alert-1", nil)
	responseError(t, err, http.StatusNotFound, "ResourceNotFound")
	_, err = client.GetResourceGroupLevel(ctx, "myRg2", "westeurope", "alert-1", nil)
	responseError(t, err, http.StatusNotFound, "ResourceNotFound")
	_, err = client.GetSubscriptionLevel(ctx, "westeurope", "alert-other", nil)
	responseError(t, err, http.StatusNotFound, "ResourceNotFound")
	_, err = client.UpdateSubscriptionLevelStateToDismiss(ctx, "westeurope", "nope", nil)
	responseError(t, err, http.StatusNotFound, "ResourceNotFound")
	_, err = client.UpdateResourceGroupLevelStateToResolve(ctx, "myRg2", "westeurope", "alert-1", nil)
	responseError(t, err, http.StatusNotFound, "ResourceNotFound")
	wantARMError(t, e.do(http.MethodPost, strings.Replace(a1, "/resourceGroups/myRg1", "", 1)+"/explode?api-version="+alertAPI, nil), http.StatusNotFound, "NotFound")

	// Every ingested alert was exported once; then dismiss (204) exports
	// alert-1 again with its new status, a second dismiss exports nothing,
	// and resolve (at resource group level) exports it again.
	rc.waitAccepted(t, "/alerts", 143)
	var raw *http.Response
	if _, err := client.UpdateSubscriptionLevelStateToDismiss(captured(&raw), "westeurope", "alert-1", nil); err != nil {
		t.Fatalf("dismiss: %v", err)
	}
	if raw.StatusCode != http.StatusNoContent {
		t.Errorf("dismiss: got HTTP %d, want 204", raw.StatusCode)
	}
	got, err = client.GetSubscriptionLevel(ctx, "westeurope", "alert-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if *got.Properties.Status != armsecurity.AlertStatusDismissed {
		t.Errorf("status after dismiss: got %s", *got.Properties.Status)
	}
	if _, err := client.UpdateSubscriptionLevelStateToDismiss(ctx, "westeurope", "alert-1", nil); err != nil {
		t.Fatalf("second dismiss: %v", err)
	}
	if _, err := client.UpdateResourceGroupLevelStateToResolve(captured(&raw), "myRg1", "westeurope", "alert-1", nil); err != nil {
		t.Fatalf("resolve: %v", err)
	}
	if raw.StatusCode != http.StatusNoContent {
		t.Errorf("resolve: got HTTP %d, want 204", raw.StatusCode)
	}
	rc.waitAccepted(t, "/alerts", 145)
	var statuses []string
	for _, d := range rc.accepted("/alerts") {
		p := d.json(t)
		if d.Header.Get("X-Secexport-Event-Source") != "Alerts" {
			t.Errorf("event source header: %q", d.Header.Get("X-Secexport-Event-Source"))
		}
		if p["AlertDisplayName"] != "Azure Security Center test alert (not a threat)" || p["AzureResourceId"] == nil {
			t.Errorf("alert export: %s", d.Body)
		}
		if p["SystemAlertId"] == "alert-1" {
			statuses = append(statuses, fmt.Sprint(p["Status"]))
		}
	}
	if len(statuses) != 3 || statuses[1] != "Dismissed" || statuses[2] != "Resolved" {
		t.Errorf("alert-1 exported with statuses %v, want [<new> Dismissed Resolved]", statuses)
	}
}
