package api_test

import (
	"context"
	"fmt"
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
			"SystemAlertId": fmt.Sprintf("alert-%d", i),
			"Entities": fmt.Sprintf(`[{"$id":"2","HostName":%q,"Type":"host"},{"$id":"3","Address":%q,"Type":"ip"}]`, a.host, a.ip),
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
