package workspace

import (
	"strings"

	"github.com/secexport/secexport/internal/posture/armjson"
)

// recommendationProvider is SecurityRecommendation's ProviderName.
const recommendationProvider = "AzureSecurityCenter"

// mapRecommendation fills a SecurityRecommendation row from an exported
// assessment and returns the assessed resource's id.
func mapRecommendation(r Row, a armjson.Object) string {
	action, snapshot := enrichment(a)
	id, name := str(a.Get("id")), str(a.Get("name"))
	p := object(a.Get("properties"))
	details := object(p.Get("resourceDetails"))
	status := object(p.Get("status"))
	md := object(p.Get("metadata"))

	assessed := str(details.Get("id"))
	if assessed == "" {
		assessed = scopeOf(id)
	}
	display := str(p.Get("displayName"))
	if display == "" {
		display = str(md.Get("displayName"))
	}
	state := str(status.Get("code"))
	if strings.EqualFold(action, "Delete") {
		state = "Removed"
	}
	r.Set("AssessedResourceId", assessed)
	r.Set("Description", str(md.Get("description")))
	r.Set("DiscoveredTimeUTC", datetime(status.Get("firstEvaluationDate")))
	r.Set("Environment", environment(str(details.Get("source"))))
	r.Set("FirstEvaluationDate", datetime(status.Get("firstEvaluationDate")))
	r.Set("IsSnapshot", snapshot)
	r.Set("PolicyDefinitionId", str(md.Get("policyDefinitionId")))
	r.Set("Properties", dynamic(a.Get("properties")))
	r.Set("ProviderName", recommendationProvider)
	r.Set("RecommendationAdditionalData", dynamic(p.Get("additionalData")))
	r.Set("RecommendationDisplayName", display)
	r.Set("RecommendationId", name)
	r.Set("RecommendationName", display)
	r.Set("RecommendationSeverity", str(md.Get("severity")))
	r.Set("RecommendationState", state)
	if state == "Healthy" {
		r.Set("ResolvedTimeUTC", datetime(status.Get("statusChangeDate")))
	}
	r.Set("StatusChangeDate", datetime(status.Get("statusChangeDate")))
	return assessed
}

// environment names the cloud a resource is in, from resourceDetails.source:
// Azure, AWS, GCP, or as written for the others (OnPremise, …).
func environment(source string) string {
	switch strings.ToLower(source) {
	case "", "azure":
		return "Azure"
	case "aws":
		return "AWS"
	case "gcp":
		return "GCP"
	}
	return source
}
