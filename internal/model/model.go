// Package model holds the vocabulary every part of secexport shares: the kinds of
// posture record, the continuous-export event sources, a stored record, and the
// exported event that travels from the outbox to a destination.
package model

import (
	"encoding/json"
	"time"
)

// Kind is the kind of a posture record.
type Kind string

// The record kinds secexport stores.
const (
	KindAlert                Kind = "alert"
	KindAssessment           Kind = "assessment"
	KindSubAssessment        Kind = "subAssessment"
	KindRegulatoryCompliance Kind = "regulatoryComplianceAssessment"
	KindSecureScore          Kind = "secureScore"
	KindSecureScoreControl   Kind = "secureScoreControl"
)

// EventSource is the continuous-export event source (Azure's EventSource enum).
type EventSource string

// Event sources, spelled exactly as Azure spells them.
const (
	SourceAlerts                                 EventSource = "Alerts"
	SourceAssessments                            EventSource = "Assessments"
	SourceAssessmentsSnapshot                    EventSource = "AssessmentsSnapshot"
	SourceSubAssessments                         EventSource = "SubAssessments"
	SourceSubAssessmentsSnapshot                 EventSource = "SubAssessmentsSnapshot"
	SourceSecureScores                           EventSource = "SecureScores"
	SourceSecureScoresSnapshot                   EventSource = "SecureScoresSnapshot"
	SourceSecureScoreControls                    EventSource = "SecureScoreControls"
	SourceSecureScoreControlsSnapshot            EventSource = "SecureScoreControlsSnapshot"
	SourceRegulatoryComplianceAssessment         EventSource = "RegulatoryComplianceAssessment"
	SourceRegulatoryComplianceAssessmentSnapshot EventSource = "RegulatoryComplianceAssessmentSnapshot"
	SourceAttackPaths                            EventSource = "AttackPaths"
	SourceAttackPathsSnapshot                    EventSource = "AttackPathsSnapshot"
)

// EventSources lists every event source Azure defines, in its order.
var EventSources = []EventSource{
	SourceAssessments, SourceAssessmentsSnapshot, SourceSubAssessments, SourceSubAssessmentsSnapshot,
	SourceAlerts, SourceSecureScores, SourceSecureScoresSnapshot, SourceSecureScoreControls,
	SourceSecureScoreControlsSnapshot, SourceRegulatoryComplianceAssessment,
	SourceRegulatoryComplianceAssessmentSnapshot, SourceAttackPaths, SourceAttackPathsSnapshot,
}

// StreamingSource is the streaming event source that exports changes of records of kind k.
func StreamingSource(k Kind) EventSource {
	switch k {
	case KindAlert:
		return SourceAlerts
	case KindAssessment:
		return SourceAssessments
	case KindSubAssessment:
		return SourceSubAssessments
	case KindRegulatoryCompliance:
		return SourceRegulatoryComplianceAssessment
	case KindSecureScore:
		return SourceSecureScores
	case KindSecureScoreControl:
		return SourceSecureScoreControls
	}
	return ""
}

// Record is one piece of posture state: an ARM resource as secexport stores and
// serves it.
type Record struct {
	// Key identifies the record: its ARM id, lower-cased (ARM ids are case-insensitive).
	Key  string
	Kind Kind
	// Subscription and ResourceGroup locate the record for automation scopes;
	// both lower-case, ResourceGroup empty at subscription level.
	Subscription  string
	ResourceGroup string
	// State is the value whose change is exported: an assessment's status code,
	// an alert's status, a compliance state, a score.
	State string
	// Body is the ARM resource JSON (id, name, type, properties) as served by GET.
	Body json.RawMessage
}

// ChangeAction says what happened to a record.
type ChangeAction string

// Change actions as they appear in exported enrichment blocks.
const (
	ActionInsert ChangeAction = "Insert"
	ActionDelete ChangeAction = "Delete"
)

// Event is one exported event: what a destination receives.
type Event struct {
	// Seq is the event's position in the outbox log.
	Seq int64
	// ID is unique per event; consumers deduplicate on it.
	ID     string
	Source EventSource
	// RecordKey is the key of the record the event is about; events of one record
	// are delivered in order.
	RecordKey string
	Time      time.Time
	// Payload is the exported JSON, exactly as a destination receives it.
	Payload json.RawMessage
}
