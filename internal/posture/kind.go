package posture

import (
	"strings"

	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture/armjson"
)

// kindSpec is what posture knows about one kind of record.
type kindSpec struct {
	kind model.Kind
	noun string // for messages
	// typ is the resource type as Azure's GET serves it; types are the
	// spellings accepted on input (compared ignoring case), typ first.
	typ   string
	types []string
	shape string // the id's shape, for messages
	parse func(id string) (armID, bool)
	// normalize validates properties, rewrites enum values canonically, fills
	// defaults, and returns the record's state.
	normalize func(p *armjson.Object, id armID) (string, error)
}

// specs lists the kinds. Their id shapes do not overlap, so an id without a
// type matches at most one.
var specs = []*kindSpec{
	assessmentSpec,
	{
		kind:      model.KindSubAssessment,
		noun:      "sub-assessment",
		typ:       "Microsoft.Security/assessments/subAssessments",
		shape:     "{resourceId}/providers/Microsoft.Security/assessments/{assessmentName}/subAssessments/{name}",
		parse:     parseSubAssessmentID,
		normalize: normalizeSubAssessment,
	},
	{
		kind:      model.KindAlert,
		noun:      "alert",
		typ:       "Microsoft.Security/Locations/alerts",
		types:     []string{"Microsoft.Security/alerts"},
		shape:     "/subscriptions/{subscriptionId}[/resourceGroups/{resourceGroup}]/providers/Microsoft.Security/locations/{location}/alerts/{name}",
		parse:     parseAlertID,
		normalize: normalizeAlert,
	},
	{
		kind: model.KindRegulatoryCompliance,
		noun: "regulatory compliance assessment",
		typ:  "Microsoft.Security/regulatoryComplianceAssessment",
		types: []string{
			"Microsoft.Security/regulatoryComplianceStandards/regulatoryComplianceControls/regulatoryComplianceAssessments",
			"Microsoft.Security/regulatoryComplianceAssessments",
		},
		shape:     "/subscriptions/{subscriptionId}/providers/Microsoft.Security/regulatoryComplianceStandards/{standard}/regulatoryComplianceControls/{control}/regulatoryComplianceAssessments/{name}",
		parse:     parseComplianceID,
		normalize: normalizeCompliance,
	},
	{
		kind:      model.KindSecureScore,
		noun:      "secure score",
		typ:       "Microsoft.Security/secureScores",
		shape:     "/subscriptions/{subscriptionId}/providers/Microsoft.Security/secureScores/{name}",
		parse:     parseSecureScoreID,
		normalize: normalizeScore,
	},
	{
		kind:      model.KindSecureScoreControl,
		noun:      "secure score control",
		typ:       "Microsoft.Security/secureScores/secureScoreControls",
		shape:     "/subscriptions/{subscriptionId}/providers/Microsoft.Security/secureScores/{name}/secureScoreControls/{control}",
		parse:     parseSecureScoreControlID,
		normalize: normalizeScore,
	},
}

var assessmentSpec = &kindSpec{
	kind:      model.KindAssessment,
	noun:      "assessment",
	typ:       "Microsoft.Security/assessments",
	shape:     "{resourceId}/providers/Microsoft.Security/assessments/{name}",
	parse:     parseAssessmentID,
	normalize: normalizeAssessment,
}

// supportedTypes names the accepted types in messages.
var supportedTypes = func() string {
	var names []string
	for _, s := range specs {
		name := s.typ
		if len(s.types) > 0 {
			name += " (or " + strings.Join(s.types, ", ") + ")"
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}()

// specForType returns the spec for a resource type, ignoring case.
func specForType(typ string) *kindSpec {
	for _, s := range specs {
		if strings.EqualFold(typ, s.typ) {
			return s
		}
		for _, t := range s.types {
			if strings.EqualFold(typ, t) {
				return s
			}
		}
	}
	return nil
}

// specForID returns the spec whose id shape id has.
func specForID(id string) (*kindSpec, armID) {
	for _, s := range specs {
		if aid, ok := s.parse(id); ok {
			return s, aid
		}
	}
	return nil, armID{}
}
