package export

import (
	"strings"

	"github.com/secexport/secexport/internal/posture/armjson"
)

// Key orders of an exported assessment, from Azure's exported sample; members
// not named keep their stored order after these.
var (
	resourceDetailsOrder = []string{"source", "id", "resourceName", "resourceType", "resourceProvider", "nativeResourceId"}
	statusOrder          = []string{"code", "cause", "description", "statusChangeDate", "firstEvaluationDate"}
	metadataOrder        = []string{"displayName", "assessmentType", "policyDefinitionId", "description",
		"remediationDescription", "categories", "severity", "userImpact", "implementationEffort", "threats"}
)

const portalBlade = "portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/"

// appendAssessment writes an assessment: both enrichment blocks, the tenant,
// the fixed ARM envelope and the properties continuous export carries
// (resourceDetails, displayName, status, additionalData, metadata, links).
// additionalData.subAssessmentsLink and links.azurePortal are filled when
// absent; displayName and metadata are left out when the record has none.
// Other stored properties (risk, partnersData) are newer than the exported
// api-version and are not exported.
func appendAssessment(b []byte, r resource, e enrichment, tenantID string) []byte {
	b = append(b, `{"assessmentEventDataEnrichment":`...)
	b = e.appendTo(b)
	b = appendEnvelope(b, r, e, tenantID, assessmentType)

	id, _ := armjson.Unquote(r.id)
	name, _ := armjson.Unquote(r.name)
	assessed := assessedResource(id)
	p := r.props

	b = append(b, `,"properties":{"resourceDetails":`...)
	if rd := p.Get("resourceDetails"); armjson.IsObject(rd) {
		b = appendObjectOrdered(b, rd, resourceDetailsOrder)
	} else {
		b = append(b, `{"source":"Azure","id":`...)
		b = armjson.AppendQuote(b, assessed)
		b = append(b, '}')
	}
	if dn := p.Get("displayName"); dn != nil {
		b = append(b, `,"displayName":`...)
		b = append(b, dn...)
	}
	b = append(b, `,"status":`...)
	b = appendObjectOrdered(b, orNull(p.Get("status")), statusOrder)
	b = append(b, `,"additionalData":`...)
	b = appendWith(b, p.Get("additionalData"), "subAssessmentsLink", armjson.Quote(id+"/subAssessments"))
	if md := p.Get("metadata"); md != nil && !armjson.IsNull(md) {
		b = append(b, `,"metadata":`...)
		b = appendObjectOrdered(b, md, metadataOrder)
	}
	b = append(b, `,"links":`...)
	b = appendWith(b, p.Get("links"), "azurePortal", armjson.Quote(portalBlade+urlEncode(name)+"/resourceId/"+urlEncode(assessed)))
	return append(b, "}}"...)
}

// appendSubAssessment writes a sub-assessment: like an assessment's envelope,
// with subAssessmentEventDataEnrichment, and its properties as stored.
func appendSubAssessment(b []byte, r resource, e enrichment, tenantID string) []byte {
	b = append(b, `{"subAssessmentEventDataEnrichment":`...)
	b = e.appendTo(b)
	b = appendEnvelope(b, r, e, tenantID, subAssessmentType)
	b = append(b, `,"properties":`...)
	b = r.props.AppendTo(b)
	return append(b, '}')
}

// appendEnvelope writes what follows the first enrichment block up to
// properties: the security enrichment block, tenant, type, the null kind,
// location and tags, id and name.
func appendEnvelope(b []byte, r resource, e enrichment, tenantID, typ string) []byte {
	b = append(b, `,"securityEventDataEnrichment":`...)
	b = e.appendTo(b)
	b = append(b, `,"tenantId":`...)
	b = appendTenant(b, tenantID)
	b = append(b, `,"type":"`...)
	b = append(b, typ...)
	b = append(b, `","kind":null,"location":null,"tags":null,"id":`...)
	b = append(b, r.id...)
	b = append(b, `,"name":`...)
	return append(b, r.name...)
}

// appendWith writes the object raw with the member key: value added when raw
// lacks it; a missing raw is an empty object.
func appendWith(b, raw []byte, key string, value []byte) []byte {
	var o armjson.Object
	if armjson.IsObject(raw) {
		var err error
		if o, err = armjson.Split(raw); err != nil {
			return append(b, raw...)
		}
	}
	if !o.Has(key) {
		o.Set(key, value)
	}
	return o.AppendTo(b)
}

func orNull(raw []byte) []byte {
	if raw == nil {
		return []byte("null")
	}
	return raw
}

// assessedResource returns the id of the resource an assessment id is under:
// all before /providers/Microsoft.Security/assessments/{name}.
func assessedResource(id string) string {
	cut := len(id)
	for range 4 {
		if cut = strings.LastIndexByte(id[:cut], '/'); cut < 0 {
			return ""
		}
	}
	return id[:cut]
}

// urlEncode escapes s as .NET's HttpUtility.UrlEncode does, which is how the
// portal links Azure exports are written: lower-case hex, and letters, digits
// and -_.!*() left alone.
func urlEncode(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i := range len(s) {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-_.!*()", c) >= 0:
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
