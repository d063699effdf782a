package posture

import (
	"strings"

	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture/armjson"
)

// Parse validates one ARM-shaped record (an NDJSON ingest line) and returns it
// as a model.Record.
//
// The kind comes from type (any case; Azure's spellings, including the singular
// regulatory compliance type) or, when type is absent, from the shape of id. The
// Body is the record as GET serves it: id as given, name (the id's last
// segment), type (as Azure serves it), properties as given with enum values
// spelled canonically and defaults filled (an alert's status, an assessment's
// resourceDetails), then any other top-level members as given.
func Parse(raw []byte) (model.Record, error) {
	c, err := armjson.Compact(raw)
	if err != nil {
		return model.Record{}, err
	}
	top, err := armjson.Split(c)
	if err != nil {
		return model.Record{}, &FieldError{Field: "record", Msg: "must be a JSON object"}
	}
	return build(top, nil)
}

// Assessment builds the record an ARM PUT of
// {resourceID}/providers/Microsoft.Security/assessments/{name} creates, body
// being the request body ({"properties": {...}}). resourceID may lack its
// leading slash, as the SDKs send it. properties.resourceDetails.id defaults
// to resourceID.
func Assessment(resourceID, name string, body []byte) (model.Record, error) {
	resourceID = strings.TrimSuffix(resourceID, "/")
	if !strings.HasPrefix(resourceID, "/") {
		resourceID = "/" + resourceID
	}
	if _, ok := segments(resourceID); !ok {
		return model.Record{}, fieldErr("resourceId", "%q is not a resource id under /subscriptions/{subscriptionId}", resourceID)
	}
	if err := checkName(name); err != nil {
		return model.Record{}, err
	}
	c, err := armjson.Compact(body)
	if err != nil {
		return model.Record{}, err
	}
	req, err := armjson.Split(c)
	if err != nil {
		return model.Record{}, &FieldError{Field: "body", Msg: "must be a JSON object"}
	}
	top := armjson.Object{{Key: []byte("id"), Value: armjson.Quote(resourceID + "/providers/Microsoft.Security/assessments/" + name)}}
	if p := req.Get("properties"); p != nil {
		top = append(top, armjson.Member{Key: []byte("properties"), Value: p})
	}
	return build(top, assessmentSpec)
}

func checkName(name string) error {
	switch {
	case name == "":
		return fieldErr("name", "required")
	case strings.ContainsAny(name, "/?#"):
		return fieldErr("name", "%q must not contain '/', '?' or '#'", name)
	}
	return nil
}

// build makes the record from the members of an ARM resource; spec is the kind
// when the caller knows it.
func build(top armjson.Object, spec *kindSpec) (model.Record, error) {
	idRaw := top.Get("id")
	if idRaw == nil || armjson.IsNull(idRaw) {
		return model.Record{}, fieldErr("id", "required")
	}
	id, ok := armjson.Unquote(idRaw)
	if !ok {
		return model.Record{}, fieldErr("id", "must be a string")
	}
	if spec == nil {
		var err error
		if spec, err = specOf(top, id); err != nil {
			return model.Record{}, err
		}
	}
	aid, ok := spec.parse(id)
	if !ok {
		return model.Record{}, fieldErr("id", "%q is not a well-formed %s id; want %s", id, spec.noun, spec.shape)
	}
	praw := top.Get("properties")
	if praw == nil || armjson.IsNull(praw) {
		return model.Record{}, fieldErr("properties", "required")
	}
	if !armjson.IsObject(praw) {
		return model.Record{}, fieldErr("properties", "must be an object")
	}
	props, err := armjson.Split(praw)
	if err != nil {
		return model.Record{}, err
	}
	state, err := spec.normalize(&props, aid)
	if err != nil {
		return model.Record{}, err
	}
	return model.Record{
		Key:           lower(id),
		Kind:          spec.kind,
		Subscription:  strings.ToLower(aid.subscription),
		ResourceGroup: strings.ToLower(aid.resourceGroup),
		State:         state,
		Body:          assemble(top, idRaw, aid.name, spec.typ, props),
	}, nil
}

// specOf finds the kind of a record from its type, or from its id's shape.
func specOf(top armjson.Object, id string) (*kindSpec, error) {
	traw := top.Get("type")
	if traw == nil || armjson.IsNull(traw) {
		spec, _ := specForID(id)
		if spec == nil {
			return nil, fieldErr("id", "%q has the shape of no supported record and type is absent; supported types: %s", id, supportedTypes)
		}
		return spec, nil
	}
	typ, ok := armjson.Unquote(traw)
	if !ok {
		return nil, fieldErr("type", "must be a string")
	}
	spec := specForType(typ)
	if spec == nil {
		return nil, fieldErr("type", "%q is not supported; supported types: %s", typ, supportedTypes)
	}
	return spec, nil
}

// assemble writes the normalised body: id, name, type, properties, then the
// other top-level members as given.
func assemble(top armjson.Object, idRaw []byte, name, typ string, props armjson.Object) []byte {
	size := len(idRaw) + len(name) + len(typ) + props.Size() + 48
	for _, m := range top {
		if !reserved(m.Key) {
			size += len(m.Key) + len(m.Value) + 4
		}
	}
	b := make([]byte, 0, size)
	b = append(b, `{"id":`...)
	b = append(b, idRaw...)
	b = append(b, `,"name":`...)
	b = armjson.AppendQuote(b, name)
	b = append(b, `,"type":"`...)
	b = append(b, typ...)
	b = append(b, `","properties":`...)
	b = props.AppendTo(b)
	for _, m := range top {
		if !reserved(m.Key) {
			b = append(b, ',')
			b = armjson.AppendMember(b, m.Key, m.Value)
		}
	}
	return append(b, '}')
}

func reserved(key []byte) bool {
	return armjson.EqualFold(key, "id") || armjson.EqualFold(key, "name") ||
		armjson.EqualFold(key, "type") || armjson.EqualFold(key, "properties")
}
