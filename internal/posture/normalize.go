package posture

import (
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/posture/armjson"
)

// Enumerations, in Azure's spelling.
var (
	statusCodes         = []string{"Healthy", "Unhealthy", "NotApplicable"}
	alertStatuses       = []string{"Active", "InProgress", "Dismissed", "Resolved"}
	alertSeverities     = []string{"High", "Medium", "Low", "Informational"}
	complianceStates    = []string{"Passed", "Failed", "Skipped", "Unsupported"}
	metadataSeverities  = []string{"High", "Medium", "Low"}
	metadataAssessTypes = []string{"BuiltIn", "CustomPolicy", "CustomerManaged", "VerifiedPartner"}
)

// enumValue checks that raw, the value of field, is a string in values,
// ignoring case. It returns the canonical spelling and, when raw spells it
// differently, the canonical JSON to store instead.
func enumValue(field string, raw []byte, values []string) (string, []byte, error) {
	if raw == nil || armjson.IsNull(raw) {
		return "", nil, fieldErr(field, "required")
	}
	if !armjson.IsString(raw) {
		return "", nil, fieldErr(field, "must be a string, one of %s", strings.Join(values, ", "))
	}
	inner := raw[1 : len(raw)-1]
	for _, v := range values {
		if string(inner) == v {
			return v, nil, nil
		}
		if armjson.EqualFold(inner, v) {
			return v, armjson.Quote(v), nil
		}
	}
	s, _ := armjson.Unquote(raw)
	return "", nil, fieldErr(field, "%q is not one of %s", s, strings.Join(values, ", "))
}

// setEnum validates the enum member key of o and rewrites it canonically.
func setEnum(o *armjson.Object, path, key string, values []string) (string, error) {
	v, canon, err := enumValue(path+"."+key, o.Get(key), values)
	if canon != nil {
		o.Set(key, canon)
	}
	return v, err
}

// object returns the object member key of p, split; path ("" at the top)
// names p in errors.
func object(p armjson.Object, path, key string) (armjson.Object, error) {
	field := key
	if path != "" {
		field = path + "." + key
	}
	raw := p.Get(key)
	if raw == nil || armjson.IsNull(raw) {
		return nil, fieldErr(field, "required")
	}
	if !armjson.IsObject(raw) {
		return nil, fieldErr(field, "must be an object")
	}
	return armjson.Split(raw)
}

// normalizeStatus validates properties.status.code and returns it.
func normalizeStatus(p *armjson.Object) (string, error) {
	raw := p.Get("status")
	if raw == nil || armjson.IsNull(raw) {
		return "", fieldErr("properties.status", "required")
	}
	if !armjson.IsObject(raw) {
		return "", fieldErr("properties.status", "must be an object")
	}
	code, canon, err := enumValue("properties.status.code", armjson.Lookup(raw, "code"), statusCodes)
	if err != nil || canon == nil {
		return code, err
	}
	status, err := armjson.Split(raw)
	if err != nil {
		return "", err
	}
	status.Set("code", canon)
	p.Set("status", status.AppendTo(make([]byte, 0, status.Size())))
	return code, nil
}

func normalizeAssessment(p *armjson.Object, id armID) (string, error) {
	code, err := normalizeStatus(p)
	if err != nil {
		return "", err
	}
	return code, defaultResourceDetails(p, id.resource)
}

func normalizeSubAssessment(p *armjson.Object, _ armID) (string, error) {
	return normalizeStatus(p)
}

// defaultResourceDetails makes properties.resourceDetails name the assessed
// resource when the producer left it, or its id, out.
func defaultResourceDetails(p *armjson.Object, resource string) error {
	raw := p.Get("resourceDetails")
	if raw == nil || armjson.IsNull(raw) {
		b := append([]byte(`{"source":"Azure","id":`), armjson.Quote(resource)...)
		p.Set("resourceDetails", append(b, '}'))
		return nil
	}
	if !armjson.IsObject(raw) {
		return fieldErr("properties.resourceDetails", "must be an object")
	}
	if id := armjson.Lookup(raw, "id"); id != nil && !armjson.IsNull(id) {
		return nil
	}
	rd, err := armjson.Split(raw)
	if err != nil {
		return err
	}
	rd.Set("id", armjson.Quote(resource))
	p.Set("resourceDetails", rd.AppendTo(nil))
	return nil
}

var quotedActive = []byte(`"Active"`)

func normalizeAlert(p *armjson.Object, _ armID) (string, error) {
	if _, err := setEnum(p, "properties", "severity", alertSeverities); err != nil {
		return "", err
	}
	if !p.Has("status") {
		p.Set("status", quotedActive)
		return "Active", nil
	}
	return setEnum(p, "properties", "status", alertStatuses)
}

func normalizeCompliance(p *armjson.Object, _ armID) (string, error) {
	return setEnum(p, "properties", "state", complianceStates)
}

func normalizeScore(p *armjson.Object, _ armID) (string, error) {
	score, err := object(*p, "properties", "score")
	if err != nil {
		return "", err
	}
	raw := score.Get("current")
	if raw == nil || armjson.IsNull(raw) {
		return "", fieldErr("properties.score.current", "required")
	}
	if !armjson.IsNumber(raw) {
		return "", fieldErr("properties.score.current", "must be a number")
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return "", fieldErr("properties.score.current", "%s is out of range", raw)
	}
	return strconv.FormatFloat(f, 'f', -1, 64), nil
}
