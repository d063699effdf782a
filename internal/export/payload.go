package export

import (
	"fmt"
	"strconv"

	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture/armjson"
)

// API versions named in the enrichment blocks, per record kind.
const (
	assessmentAPIVersion    = "2019-01-01"
	subAssessmentAPIVersion = "2019-01-01-preview"
	complianceAPIVersion    = "2019-01-01-preview"
	secureScoreAPIVersion   = "2020-01-01"
)

// Resource types as continuous export writes them.
const (
	assessmentType         = "Microsoft.Security/assessments"
	subAssessmentType      = "Microsoft.Security/assessments/subAssessments"
	complianceType         = "Microsoft.Security/regulatoryComplianceStandards/regulatoryComplianceControls/regulatoryComplianceAssessments"
	secureScoreType        = "Microsoft.Security/secureScores"
	secureScoreControlType = "Microsoft.Security/secureScores/secureScoreControls"
)

// Payload returns the JSON a destination receives for rec: action says what
// happened to it, snapshot marks a snapshot export (alerts have none, so it is
// ignored for them), and tenantID is the tenant the record belongs to (null in
// the payload when empty).
func Payload(rec model.Record, action model.ChangeAction, snapshot bool, tenantID string) ([]byte, error) {
	if action != model.ActionInsert && action != model.ActionDelete {
		return nil, fmt.Errorf("export: unknown change action %q", action)
	}
	r, err := split(rec)
	if err != nil {
		return nil, err
	}
	e := enrichment{action: string(action), snapshot: snapshot}
	b := make([]byte, 0, len(rec.Body)+1024)
	switch rec.Kind {
	case model.KindAssessment:
		e.apiVersion = assessmentAPIVersion
		return appendAssessment(b, r, e, tenantID), nil
	case model.KindSubAssessment:
		e.apiVersion = subAssessmentAPIVersion
		return appendSubAssessment(b, r, e, tenantID), nil
	case model.KindRegulatoryCompliance:
		if action == model.ActionInsert {
			e.action = "Write"
		}
		e.apiVersion, e.interval = complianceAPIVersion, true
		return appendCompliance(b, r, e), nil
	case model.KindSecureScore:
		e.apiVersion = secureScoreAPIVersion
		return appendResource(b, r, e, secureScoreType), nil
	case model.KindSecureScoreControl:
		e.apiVersion = secureScoreAPIVersion
		return appendResource(b, r, e, secureScoreControlType), nil
	case model.KindAlert:
		return appendAlert(b, r, tenantID), nil
	}
	return nil, fmt.Errorf("export: record %s: unknown kind %q", rec.Key, rec.Kind)
}

// resource is a record body taken apart.
type resource struct {
	id, name []byte // raw JSON strings
	rawProps []byte // the properties object; nil when the body has none
	props    armjson.Object
}

func split(rec model.Record) (resource, error) {
	top, err := armjson.Split(rec.Body)
	if err != nil {
		return resource{}, fmt.Errorf("export: record %s: body: %w", rec.Key, err)
	}
	r := resource{id: top.Get("id"), name: top.Get("name")}
	if !armjson.IsString(r.id) || !armjson.IsString(r.name) {
		return resource{}, fmt.Errorf("export: record %s: body lacks id or name", rec.Key)
	}
	if p := top.Get("properties"); armjson.IsObject(p) {
		r.rawProps = p
		if r.props, err = armjson.Split(p); err != nil {
			return resource{}, fmt.Errorf("export: record %s: properties: %w", rec.Key, err)
		}
	}
	return r, nil
}

// enrichment is an …EventDataEnrichment block.
type enrichment struct {
	action     string
	apiVersion string
	snapshot   bool
	interval   bool // regulatory compliance carries "interval"
}

func (e enrichment) appendTo(b []byte) []byte {
	b = append(b, `{"action":"`...)
	b = append(b, e.action...)
	b = append(b, `","apiVersion":"`...)
	b = append(b, e.apiVersion...)
	b = append(b, `","isSnapshot":`...)
	b = strconv.AppendBool(b, e.snapshot)
	if e.interval {
		b = append(b, `,"interval":"00:00:00"`...)
	}
	return append(b, '}')
}

// appendResource writes a secure score or control: the enrichment block, then
// the resource with its properties as stored.
func appendResource(b []byte, r resource, e enrichment, typ string) []byte {
	b = append(b, `{"securityEventDataEnrichment":`...)
	b = e.appendTo(b)
	b = appendIdentity(b, r, typ)
	b = append(b, `,"properties":`...)
	b = appendOr(b, r.rawProps, "{}")
	return append(b, '}')
}

// appendIdentity writes ,"id":…,"name":…,"type":….
func appendIdentity(b []byte, r resource, typ string) []byte {
	b = append(b, `,"id":`...)
	b = append(b, r.id...)
	b = append(b, `,"name":`...)
	b = append(b, r.name...)
	b = append(b, `,"type":"`...)
	b = append(b, typ...)
	return append(b, '"')
}

// appendOrdered writes o with the members named in order first, in that
// order, then the rest as they come.
func appendOrdered(b []byte, o armjson.Object, order []string) []byte {
	b = append(b, '{')
	n := 0
	for _, k := range order {
		if i := o.Index(k); i >= 0 {
			b = appendSep(b, n)
			b = armjson.AppendMember(b, o[i].Key, o[i].Value)
			n++
		}
	}
	for _, m := range o {
		if !named(m.Key, order) {
			b = appendSep(b, n)
			b = armjson.AppendMember(b, m.Key, m.Value)
			n++
		}
	}
	return append(b, '}')
}

// appendObjectOrdered is appendOrdered for a raw value: objects are reordered,
// anything else is written as it is.
func appendObjectOrdered(b, raw []byte, order []string) []byte {
	if !armjson.IsObject(raw) {
		return append(b, raw...)
	}
	o, err := armjson.Split(raw)
	if err != nil {
		return append(b, raw...)
	}
	return appendOrdered(b, o, order)
}

func named(key []byte, names []string) bool {
	for _, n := range names {
		if armjson.EqualFold(key, n) {
			return true
		}
	}
	return false
}

func appendSep(b []byte, n int) []byte {
	if n > 0 {
		return append(b, ',')
	}
	return b
}

// appendOr writes raw, or def when raw is absent or null.
func appendOr(b, raw []byte, def string) []byte {
	if raw == nil || armjson.IsNull(raw) {
		return append(b, def...)
	}
	return append(b, raw...)
}

// orElse returns raw, or alt when raw is absent or null.
func orElse(raw, alt []byte) []byte {
	if raw == nil || armjson.IsNull(raw) {
		return alt
	}
	return raw
}

// appendTenant writes the tenant id, null when unknown.
func appendTenant(b []byte, tenantID string) []byte {
	if tenantID == "" {
		return append(b, "null"...)
	}
	return armjson.AppendQuote(b, tenantID)
}
