package export

import (
	"bytes"
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

	id, name := unquote(r.id), unquote(r.name)
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
	b = appendObjectOrdered(b, orElse(p.Get("status"), []byte("null")), statusOrder)
	b = append(b, `,"additionalData":`...)
	b = appendWithMember(b, p.Get("additionalData"), "subAssessmentsLink", func(b []byte) []byte {
		return armjson.AppendQuote(b, id+"/subAssessments")
	})
	if md := p.Get("metadata"); md != nil && !armjson.IsNull(md) {
		b = append(b, `,"metadata":`...)
		b = appendObjectOrdered(b, md, metadataOrder)
	}
	b = append(b, `,"links":`...)
	b = appendWithMember(b, p.Get("links"), "azurePortal", func(b []byte) []byte {
		b = append(b, `"`+portalBlade...)
		b = appendURLEncoded(b, name)
		b = append(b, "/resourceId/"...)
		b = appendURLEncoded(b, assessed)
		return append(b, '"')
	})
	return append(b, "}}"...)
}

// appendSubAssessment writes a sub-assessment: like an assessment's envelope,
// with subAssessmentEventDataEnrichment, and its properties as stored.
func appendSubAssessment(b []byte, r resource, e enrichment, tenantID string) []byte {
	b = append(b, `{"subAssessmentEventDataEnrichment":`...)
	b = e.appendTo(b)
	b = appendEnvelope(b, r, e, tenantID, subAssessmentType)
	b = append(b, `,"properties":`...)
	b = appendOr(b, r.rawProps, "{}")
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

// appendWithMember writes the object raw (an empty one when raw is not an
// object) with the member key added at its end unless raw has it; value
// writes the member's value.
func appendWithMember(b, raw []byte, key string, value func([]byte) []byte) []byte {
	if !armjson.IsObject(raw) {
		raw = []byte("{}")
	} else if armjson.Lookup(raw, key) != nil {
		return append(b, raw...)
	}
	inner := bytes.TrimSpace(raw[1 : len(raw)-1])
	b = append(b, raw[:1]...)
	b = append(b, inner...)
	if len(inner) > 0 {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	b = value(b)
	return append(b, '}')
}

// unquote returns the string the JSON string raw holds.
func unquote(raw []byte) string {
	s, _ := armjson.Unquote(raw)
	return s
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

// appendURLEncoded appends s escaped as .NET's HttpUtility.UrlEncode does,
// which is how the portal links Azure exports are written: lower-case hex,
// letters, digits and -_.!*() left alone, space as +.
func appendURLEncoded(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for i := range len(s) {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '!', c == '*', c == '(', c == ')':
			b = append(b, c)
		case c == ' ':
			b = append(b, '+')
		default:
			b = append(b, '%', hex[c>>4], hex[c&0xf])
		}
	}
	return b
}
