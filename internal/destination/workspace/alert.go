package workspace

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	ws "github.com/secexport/secexport/internal/workspace"
)

// The "Data limit exceeded" alert, as Defender for Cloud shows it when a
// record is too large for Log Analytics.
const (
	DataLimitAlertType = "DataLimitExceeded"
	dataLimitName      = "Data limit has been exceeded"
)

// DataLimit is what a "Data limit exceeded" alert is about.
type DataLimit struct {
	// AutomationID is the resource id of the automation whose export failed.
	AutomationID string
	// Location is the automation's location (ARM's "West Europe" or
	// "westeurope"); the alert lives there.
	Location string
	// Workspace names the destination workspace (its resource id).
	Workspace string
	Oversized
	Now time.Time
}

// Alert returns the ARM alert (Microsoft.Security/locations/alerts,
// api-version 2022-01-01) in the automation's resource group. Its name is
// derived from the automation and the exported record, so a record that
// stays too large raises one alert, not one per change.
func (d DataLimit) Alert() []byte {
	sub, rg := segment(d.AutomationID, "subscriptions"), segment(d.AutomationID, "resourceGroups")
	sum := sha256.Sum256([]byte(strings.ToLower(d.AutomationID) + "\n" + d.Event.RecordKey))
	name := DataLimitAlertType + "_" + hex.EncodeToString(sum[:12])
	loc := strings.ToLower(strings.ReplaceAll(d.Location, " ", ""))
	if loc == "" {
		loc = "global"
	}
	now := d.Now.UTC().Format("2006-01-02T15:04:05.0000000Z")
	automation := d.AutomationID[strings.LastIndexByte(d.AutomationID, '/')+1:]
	alert := map[string]any{
		"id":   fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/locations/%s/alerts/%s", sub, rg, loc, name),
		"name": name,
		"type": "Microsoft.Security/Locations/alerts",
		"properties": map[string]any{
			"version":              "2022-01-01",
			"alertType":            DataLimitAlertType,
			"systemAlertId":        name,
			"productComponentName": "Continuous export",
			"alertDisplayName":     dataLimitName,
			"description": fmt.Sprintf("Continuous export of automation %s could not write a %s record of %d bytes to the Log Analytics workspace %s: "+
				"a record may be at most %d bytes. The event (%s, record %s) is in the automation's dead letters.",
				automation, d.Table, d.Size, d.Workspace, ws.MaxRecordSize, d.Event.ID, d.Event.RecordKey),
			"severity":             "Low",
			"intent":               "Unknown",
			"startTimeUtc":         now,
			"endTimeUtc":           now,
			"timeGeneratedUtc":     now,
			"processingEndTimeUtc": now,
			"status":               "Active",
			"isIncident":           false,
			"compromisedEntity":    automation,
			"vendorName":           "Microsoft",
			"productName":          "Microsoft Defender for Cloud",
			"resourceIdentifiers":  []map[string]any{{"type": "AzureResource", "azureResourceId": d.AutomationID}},
			"remediationSteps": []string{
				"Find the event in the automation's dead letters (GET …/automations/" + automation + "/deadLetters).",
				"Narrow the automation's rules so that the record is not exported to Log Analytics, or export it to an Event Hub or Logic App, which take larger events.",
			},
			"entities": []any{},
			"extendedProperties": map[string]string{
				"automation":  d.AutomationID,
				"workspace":   d.Workspace,
				"table":       d.Table,
				"recordSize":  strconv.Itoa(d.Size),
				"recordLimit": strconv.Itoa(ws.MaxRecordSize),
				"eventId":     d.Event.ID,
				"eventSource": string(d.Event.Source),
				"recordId":    d.Event.RecordKey,
			},
		},
	}
	b, _ := json.Marshal(alert)
	return b
}

// segment returns the segment after the one named key in an ARM id.
func segment(id, key string) string {
	segs := strings.Split(id, "/")
	for i := 0; i+1 < len(segs); i++ {
		if strings.EqualFold(segs[i], key) {
			return segs[i+1]
		}
	}
	return ""
}
