package workspace

import (
	"encoding/json"

	"github.com/secexport/secexport/internal/posture/armjson"
)

// mapSecureScore fills a SecureScores row from an exported secure score and
// returns the subscription's id.
func mapSecureScore(r Row, a armjson.Object) string {
	_, snapshot := enrichment(a)
	id := str(a.Get("id"))
	p := object(a.Get("properties"))
	score := object(p.Get("score"))
	scope := scopeOf(id)
	r.Set("AssessedResourceId", scope)
	r.Set("CurrentScore", float(score.Get("current")))
	r.Set("DisplayName", str(p.Get("displayName")))
	r.Set("Environment", "Azure")
	r.Set("IsSnapshot", snapshot)
	r.Set("MaxScore", integer(score.Get("max")))
	r.Set("PercentageScore", float(score.Get("percentage")))
	r.Set("Properties", dynamic(a.Get("properties")))
	r.Set("ResourceProviderType", providerType(scope))
	r.Set("SecureScoresSubscriptionId", subscriptionOf(id))
	r.Set("Weight", long(p.Get("weight")))
	return scope
}

// mapSecureScoreControl fills a SecureScoreControls row from an exported
// secure score control and returns the subscription's id.
func mapSecureScoreControl(r Row, a armjson.Object) string {
	_, snapshot := enrichment(a)
	id := str(a.Get("id"))
	p := object(a.Get("properties"))
	score := object(p.Get("score"))
	def := object(object(p.Get("definition")).Get("properties"))
	scope := scopeOf(id)
	controlType := str(object(def.Get("source")).Get("sourceType"))
	if controlType == "" {
		controlType = "BuiltIn"
	}
	r.Set("AssessedResourceId", scope)
	r.Set("ControlId", str(a.Get("name")))
	r.Set("ControlName", str(p.Get("displayName")))
	r.Set("ControlType", controlType)
	r.Set("CurrentScore", float(score.Get("current")))
	r.Set("Description", str(def.Get("description")))
	r.Set("Environment", "Azure")
	r.Set("HealthyResources", integer(p.Get("healthyResourceCount")))
	r.Set("IsSnapshot", snapshot)
	r.Set("MaxScore", integer(score.Get("max")))
	r.Set("NotApplicableResources", integer(p.Get("notApplicableResourceCount")))
	r.Set("PercentageScore", float(score.Get("percentage")))
	r.Set("Properties", dynamic(a.Get("properties")))
	r.Set("RecommendationResourceIds", assessmentIDs(def.Get("assessmentDefinitions")))
	r.Set("ResourceProviderType", providerType(scope))
	r.Set("SecureScoresSubscriptionId", subscriptionOf(id))
	r.Set("UnhealthyResources", integer(p.Get("unhealthyResourceCount")))
	r.Set("Weight", long(p.Get("weight")))
	return scope
}

// assessmentIDs is the dynamic array of the ids in a control definition's
// assessmentDefinitions ([] without a definition).
func assessmentIDs(raw []byte) any {
	ids := []string{}
	if elems, err := armjson.Elements(raw); err == nil && armjson.IsArray(raw) {
		for _, e := range elems {
			if id := str(object(e).Get("id")); id != "" {
				ids = append(ids, id)
			}
		}
	}
	b, _ := json.Marshal(ids)
	return json.RawMessage(b)
}
