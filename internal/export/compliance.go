package export

import "github.com/secexport/secexport/internal/posture/armjson"

// complianceOrder is the order of a regulatory compliance assessment's
// properties in Azure's exported sample.
var complianceOrder = []string{"description", "state", "scope", "passedResources", "failedResources",
	"skippedResources", "assessmentType", "assessmentDetailsLink"}

// appendCompliance writes a regulatory compliance assessment. Its scope is
// "Subscription" unless the record says otherwise: every compliance
// assessment secexport stores lives at subscription level.
func appendCompliance(b []byte, r resource, e enrichment) []byte {
	b = append(b, `{"securityEventDataEnrichment":`...)
	b = e.appendTo(b)
	b = appendIdentity(b, r, complianceType)
	b = append(b, `,"properties":`...)
	p := r.props
	if !p.Has("scope") {
		p = append(p[:len(p):len(p)], armjson.Member{Key: []byte("scope"), Value: []byte(`"Subscription"`)})
	}
	b = appendOrdered(b, p, complianceOrder)
	return append(b, '}')
}
