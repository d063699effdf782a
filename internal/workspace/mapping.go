package workspace

import (
	"fmt"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture/armjson"
)

// Meta is what a row takes from outside its payload.
type Meta struct {
	// TenantID is the workspace's customerId: Log Analytics' TenantId column.
	TenantID string
	// Time is when the record was exported (the event's time): TimeGenerated,
	// which retention and the query API's timespan go by.
	Time time.Time
}

// tableOf gives the table of each event source, snapshot or not.
var tableOf = map[model.EventSource]string{
	model.SourceAlerts:                                 SecurityAlert,
	model.SourceAssessments:                            SecurityRecommendation,
	model.SourceAssessmentsSnapshot:                    SecurityRecommendation,
	model.SourceSubAssessments:                         SecurityNestedRecommendation,
	model.SourceSubAssessmentsSnapshot:                 SecurityNestedRecommendation,
	model.SourceSecureScores:                           SecureScores,
	model.SourceSecureScoresSnapshot:                   SecureScores,
	model.SourceSecureScoreControls:                    SecureScoreControls,
	model.SourceSecureScoreControlsSnapshot:            SecureScoreControls,
	model.SourceRegulatoryComplianceAssessment:         SecurityRegulatoryCompliance,
	model.SourceRegulatoryComplianceAssessmentSnapshot: SecurityRegulatoryCompliance,
}

// TableFor returns the table events of source land in; attack paths have
// none in Log Analytics.
func TableFor(source model.EventSource) (*Table, bool) {
	name, ok := tableOf[source]
	if !ok {
		return nil, false
	}
	return TableNamed(name)
}

// Map turns the exported payload of an event of source (package export's
// output) into its table's row. docs/workspace-tables.md documents every
// column's source.
func Map(source model.EventSource, payload []byte, m Meta) (Row, error) {
	t, ok := TableFor(source)
	if !ok {
		return Row{}, fmt.Errorf("workspace: %s events have no Log Analytics table", source)
	}
	top, err := armjson.Split(payload)
	if err != nil {
		return Row{}, fmt.Errorf("workspace: %s payload: %w", source, err)
	}
	r := newRow(t)
	var resourceID string
	switch t.Name {
	case SecurityAlert:
		resourceID = mapAlert(r, top)
	case SecurityRecommendation:
		resourceID = mapRecommendation(r, top)
	case SecurityNestedRecommendation:
		resourceID = mapNestedRecommendation(r, top)
	case SecureScores:
		resourceID = mapSecureScore(r, top)
	case SecureScoreControls:
		resourceID = mapSecureScoreControl(r, top)
	case SecurityRegulatoryCompliance:
		resourceID = mapCompliance(r, top)
	}
	r.Set("TenantId", m.TenantID)
	r.Set("SourceSystem", sourceSystem(t.Name))
	r.Set("Type", t.Name)
	r.Set("TimeGenerated", m.Time.UTC())
	r.Set("_ResourceId", strings.ToLower(resourceID))
	r.Set("_SubscriptionId", strings.ToLower(subscriptionOf(resourceID)))
	r.Set("_IsBillable", isBillable(t.Name))
	r.Set("_BilledSize", float64(r.Size()))
	return r, nil
}

// sourceSystem is what Log Analytics shows as SourceSystem: "Detection" for
// alerts of a detection product, "Azure" for data an Azure service exports.
func sourceSystem(table string) string {
	if table == SecurityAlert {
		return "Detection"
	}
	return "Azure"
}

// isBillable: Defender for Cloud's alerts are free in Log Analytics; the
// other exported data is billed.
func isBillable(table string) string {
	if table == SecurityAlert {
		return "false"
	}
	return "true"
}

// enrichment reads the action and isSnapshot of a payload's enrichment
// block (security, assessment or sub-assessment: they agree).
func enrichment(top armjson.Object) (action string, snapshot any) {
	e := object(top.Get("securityEventDataEnrichment"))
	snapshot = boolean(e.Get("isSnapshot"))
	if snapshot == nil {
		snapshot = false
	}
	return str(e.Get("action")), snapshot
}
