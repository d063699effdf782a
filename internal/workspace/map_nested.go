package workspace

import (
	"strings"

	"github.com/secexport/secexport/internal/posture/armjson"
)

// mapNestedRecommendation fills a SecurityNestedRecommendation row from an
// exported sub-assessment (a security finding) and returns the assessed
// resource's id.
func mapNestedRecommendation(r Row, a armjson.Object) string {
	action, snapshot := enrichment(a)
	id, name := str(a.Get("id")), str(a.Get("name"))
	p := object(a.Get("properties"))
	status := object(p.Get("status"))
	assessed := scopeOf(id)
	parent := idSegment(id[len(assessed):], "assessments")
	state := str(status.Get("code"))
	if strings.EqualFold(action, "Delete") {
		state = "Removed"
	}
	remediation := str(p.Get("remediation"))
	r.Set("AdditionalData", dynamic(p.Get("additionalData")))
	r.Set("AssessedResourceId", assessed)
	r.Set("Category", str(p.Get("category")))
	r.Set("Cause", str(status.Get("cause")))
	r.Set("Description", str(p.Get("description")))
	r.Set("Id", id)
	r.Set("Impact", str(p.Get("impact")))
	r.Set("IsSnapshot", snapshot)
	r.Set("NestedRecommendationId", name)
	r.Set("ParentRecommendationId", parent)
	r.Set("RecommendationLink", recommendationLink(parent, assessed))
	r.Set("RecommendationName", str(p.Get("displayName")))
	r.Set("RecommendationSeverity", str(status.Get("severity")))
	r.Set("RecommendationState", state)
	r.Set("RecommendationSubscriptionId", subscriptionOf(id))
	r.Set("RemediationDescription", remediation)
	r.Set("RemidiationDescription", remediation)
	r.Set("ResourceDetails", dynamic(p.Get("resourceDetails")))
	r.Set("ResourceGroup", idSegment(assessed, "resourceGroups"))
	r.Set("ResourceProviderType", providerType(assessed))
	r.Set("SubAssessmentTimeGeneration", datetime(p.Get("timeGenerated")))
	r.Set("VulnerabilityId", str(p.Get("id")))
	return assessed
}

// recommendationLink is the portal link of a recommendation on a resource,
// as the exported assessments' links.azurePortal writes it.
func recommendationLink(assessment, resourceID string) string {
	if assessment == "" {
		return ""
	}
	return "https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/" +
		assessment + "/resourceId/" + urlEncode(resourceID)
}

// urlEncode escapes s as .NET's HttpUtility.UrlEncode does (as package
// export writes portal links).
func urlEncode(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := range len(s) {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '!', c == '*', c == '(', c == ')':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
	}
	return b.String()
}
