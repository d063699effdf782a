package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/monitor/query/azlogs"
)

// TestHuntingQueriesWithTheAzureSDK runs hunting queries of the kind teams
// bring from Sentinel, through Azure's logs query client, over alerts
// written with the Logs Ingestion API: a let function, mv-apply over the
// entities and a join; bag_unpack without a schema (the workspace asks the
// data for the slots); partition. The expected rows are worked out from the
// five alerts below.
func TestHuntingQueriesWithTheAzureSDK(t *testing.T) {
	e := newEnv(t)
	id := e.putWorkspace(testSub, "soc", "hunt-ws")
	now := time.Now().UTC()
	alerts := []struct {
		name, sev, host, ip string
		ago                 time.Duration
	}{
		{"Failed SSH brute force attack", "Medium", "vm-1", "10.0.0.5", 1 * time.Hour},
		{"Failed SSH brute force attack", "Medium", "vm-1", "10.0.0.5", 2 * time.Hour},
		{"Suspicious command line", "High", "vm-1", "10.0.0.9", 3 * time.Hour},
		{"Suspicious command line", "High", "vm-2", "10.0.0.7", 4 * time.Hour},
		{"Antimalware action taken", "Low", "vm-3", "10.0.0.8", 5 * time.Hour},
	}
	for i, a := range alerts {
		e.upload(id, "SecurityAlert", map[string]any{
			"TimeGenerated": now.Add(-a.ago), "AlertName": a.name, "AlertSeverity": a.sev, "CompromisedEntity": a.host,
			"SystemAlertId":      fmt.Sprintf("alert-%d", i),
			"Entities":           fmt.Sprintf(`[{"$id":"2","HostName":%q,"Type":"host"},{"$id":"3","Address":%q,"Type":"ip"}]`, a.host, a.ip),
			"ExtendedProperties": fmt.Sprintf(`{"Tool":"sshd","Attempts":%d}`, 10*(i+1)),
		})
	}
	client := e.queryClient()
	query := func(kql string) azlogs.Table {
		t.Helper()
		res, err := client.QueryWorkspace(context.Background(), id, azlogs.QueryBody{Query: to.Ptr(kql)}, nil)
		if err != nil {
			t.Fatalf("%s: %v", kql, err)
		}
		return res.Tables[0]
	}

	// Hosts under brute force that also raised high-severity alerts, with
	// the IPs their alerts name.
	tb := query(`let isSevere = (sev: string) { sev in ("High", "Medium") };
let bruteForced = SecurityAlert
    | where AlertName has "brute force"
    | summarize Attempts = count() by Host = CompromisedEntity;
SecurityAlert
| where TimeGenerated > ago(1d) and isSevere(AlertSeverity)
| mv-apply e = parse_json(Entities) on (where e.Type == "ip" | project IP = tostring(e.Address))
| summarize Alerts = count(), IPs = make_set(IP) by Host = CompromisedEntity
| join kind=inner bruteForced on Host
| project Host, Alerts, Attempts, IPs = strcat_array(array_sort_asc(IPs), ",")
| order by Host asc`)
	if got, want := columnsOf(tb), "Host:string,Alerts:long,Attempts:long,IPs:string"; got != want {
		t.Errorf("columns %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(tb.Rows), "[[vm-1 3 2 10.0.0.5,10.0.0.9]]"; got != want {
		t.Errorf("rows %s, want %s", got, want)
	}

	// bag_unpack without a schema: the slots come from the data.
	tb = query(`SecurityAlert
| where AlertSeverity == "Low"
| project SystemAlertId, P = parse_json(ExtendedProperties)
| evaluate bag_unpack(P)`)
	if got, want := columnsOf(tb), "SystemAlertId:string,Attempts:long,Tool:string"; got != want {
		t.Errorf("bag_unpack columns %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(tb.Rows), "[[alert-4 50 sshd]]"; got != want {
		t.Errorf("bag_unpack rows %s, want %s", got, want)
	}

	// The newest alert of each host.
	tb = query(`SecurityAlert
| partition hint.strategy=native by CompromisedEntity (top 1 by TimeGenerated)
| project CompromisedEntity, AlertName
| order by CompromisedEntity asc`)
	if got, want := fmt.Sprint(tb.Rows), "[[vm-1 Failed SSH brute force attack] [vm-2 Suspicious command line] [vm-3 Antimalware action taken]]"; got != want {
		t.Errorf("partition rows %s, want %s", got, want)
	}
}

// TestQueryTimeout: a query runs for as long as the Prefer header's wait
// allows (3 minutes without one), and one that runs longer is stopped and
// answered 504 Gateway Timeout, as Log Analytics does; the workspace keeps
// answering other queries.
func TestQueryTimeout(t *testing.T) {
	e := newEnv(t)
	id := e.putWorkspace(testSub, "soc", "slow-ws")
	path := "/v1/workspaces/" + id + "/query"
	auth := "Bearer " + testToken
	// Ten billion rows: minutes of work, stopped after one second.
	runaway := map[string]string{"query": "range x from 1 to 10000000000 step 1 | summarize sum(x % 7)"}
	start := time.Now()
	r := e.doWith("POST", path, runaway, map[string]string{"Authorization": auth, "Content-Type": "application/json", "Prefer": "wait=1"})
	if took := time.Since(start); r.Status != 504 || !strings.Contains(string(r.Body), `"code":"GatewayTimeout"`) || took > 20*time.Second {
		t.Fatalf("runaway query: %d after %s: %s", r.Status, took, r.Body)
	}
	r = e.doWith("POST", path, map[string]string{"query": "SecurityAlert | count"}, map[string]string{"Authorization": auth, "Content-Type": "application/json", "Prefer": "wait=30, include-statistics=true"})
	if r.Status != 200 || !strings.Contains(string(r.Body), `[[0]]`) {
		t.Errorf("a query after the timeout: %d %s", r.Status, r.Body)
	}
	for _, bad := range []string{"wait=soon", "wait=0", "wait=-5"} {
		r = e.doWith("POST", path, map[string]string{"query": "SecurityAlert | count"}, map[string]string{"Authorization": auth, "Content-Type": "application/json", "Prefer": bad})
		if r.Status != 400 || !strings.Contains(string(r.Body), "BadArgumentError") {
			t.Errorf("Prefer: %s: %d %s", bad, r.Status, r.Body)
		}
	}
}
