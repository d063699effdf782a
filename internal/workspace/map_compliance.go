package workspace

import "github.com/secexport/secexport/internal/posture/armjson"

// mapCompliance fills a SecurityRegulatoryCompliance row from an exported
// regulatory compliance assessment and returns the subscription's id.
func mapCompliance(r Row, a armjson.Object) string {
	_, snapshot := enrichment(a)
	id := str(a.Get("id"))
	p := object(a.Get("properties"))
	scope := scopeOf(id)
	r.Set("AssessedResourceId", scope)
	r.Set("ComplianceControl", idSegment(id, "regulatoryComplianceControls"))
	r.Set("ComplianceStandard", idSegment(id, "regulatoryComplianceStandards"))
	r.Set("FailedResources", integer(p.Get("failedResources")))
	r.Set("IsSnapshot", snapshot)
	r.Set("PassedResources", integer(p.Get("passedResources")))
	r.Set("Properties", dynamic(a.Get("properties")))
	r.Set("RecommendationId", str(a.Get("name")))
	r.Set("RecommendationLink", str(p.Get("assessmentDetailsLink")))
	r.Set("RecommendationName", str(p.Get("description")))
	r.Set("RegulatoryComplianceSubscriptionId", subscriptionOf(id))
	r.Set("ResourceProviderType", providerType(scope))
	r.Set("SkippedResources", integer(p.Get("skippedResources")))
	r.Set("State", str(p.Get("state")))
	return scope
}
