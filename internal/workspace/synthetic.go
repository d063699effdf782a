package workspace

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// LoadSyntheticAlerts fills a workspace's SecurityAlert table with n
// generated alerts whose TimeGenerated spreads evenly over [start, end), for
// benchmarks: 4 severities, 20 alert names, 10,000 resources, 5 resource
// types in ExtendedProperties["Resource type"], and in Entities three
// entities an alert (a host, an account and an IP address) drawn from 1,009
// hosts and 997 accounts, so that a host's alerts are of every severity and
// name; CompromisedEntity is the host's name. DuckDB generates them, so a
// million rows take about a second.
func (d *DB) LoadSyntheticAlerts(ctx context.Context, customerID string, n int, start, end time.Time) error {
	schema, err := schemaName(customerID)
	if err != nil {
		return err
	}
	t, _ := TableNamed(SecurityAlert)
	step := end.Sub(start).Microseconds() / int64(max(n, 1))
	gen := map[string]string{
		"TenantId":           "'" + customerID + "'",
		"SourceSystem":       "'Detection'",
		"Type":               "'SecurityAlert'",
		"TimeGenerated":      fmt.Sprintf("TIMESTAMP '%s' + to_microseconds(i * %d)", start.UTC().Format("2006-01-02 15:04:05.999999"), step),
		"StartTime":          fmt.Sprintf("TIMESTAMP '%s' + to_microseconds(i * %d)", start.UTC().Format("2006-01-02 15:04:05.999999"), step),
		"AlertSeverity":      "['High', 'Medium', 'Low', 'Informational'][1 + i % 4]",
		"AlertName":          "'Synthetic alert ' || (i % 20) || (CASE WHEN i % 20 = 7 THEN ' brute force' ELSE '' END)",
		"DisplayName":        "'Synthetic alert ' || (i % 20)",
		"AlertType":          "'SYNTH_' || (i % 20)",
		"ResourceId":         "'/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm' || (i % 10000)",
		"ExtendedProperties": `'{"Resource type": "' || ['Virtual Machine', 'App Service', 'SQL Database', 'Storage Account', 'Key Vault'][1 + i % 5] || '", "Alert Id": "' || i || '"}'`,
		"CompromisedEntity":  "'host' || (i % 1009)",
		"Entities": `'[{"$id":"2","HostName":"host' || (i % 1009) || '","OSFamily":"Linux","Type":"host"},` +
			`{"$id":"3","Name":"user' || (i % 997) || '","NTDomain":"CONTOSO","Type":"account"},` +
			`{"$id":"4","Address":"10.1.' || (i % 7) || '.' || (1 + i % 250) || '","Type":"ip"}]'`,
		"RemediationSteps": `'[]'`,
		"Status":           "'New'",
		"VendorName":       "'Microsoft'",
		"ProductName":      "'Microsoft Defender for Cloud'",
		"ProviderName":     "'Azure Security Center'",
		"SystemAlertId":    "'synthetic-' || i",
		"IsIncident":       "false",
		"ConfidenceScore":  "NULL",
		"_IsBillable":      "'false'",
		"_BilledSize":      "1000.0",
	}
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		v, ok := gen[c.Name]
		switch {
		case ok:
		case c.Type == TString:
			v = "''"
		default:
			v = "NULL"
		}
		cols[i] = v
	}
	q := fmt.Sprintf("INSERT INTO %s.%s SELECT %s FROM range(%d) r(i)", schema, quoteIdent(t.Name), strings.Join(cols, ", "), n)
	if _, err := d.db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("load synthetic alerts: %w", err)
	}
	return nil
}
