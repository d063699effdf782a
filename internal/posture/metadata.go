package posture

import (
	"encoding/json"
	"strings"

	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture/armjson"
)

// WithMetadata returns the assessment rec with properties.metadata set to
// metadata, and properties.displayName to the metadata's displayName, where
// rec's body has none. metadata is either the metadata resource ParseMetadata
// returns or just its properties object. Other records, and bodies that
// already have metadata, are returned unchanged.
func WithMetadata(rec model.Record, metadata json.RawMessage) model.Record {
	if rec.Kind != model.KindAssessment {
		return rec
	}
	md := metadataProperties(metadata)
	if md == nil {
		return rec
	}
	start, end, ok := armjson.Span(rec.Body, "properties")
	if !ok || !armjson.IsObject(rec.Body[start:end]) {
		return rec
	}
	props, err := armjson.Split(rec.Body[start:end])
	if err != nil || props.Has("metadata") {
		return rec
	}
	props.Set("metadata", md)
	if !props.Has("displayName") {
		if dn := armjson.Lookup(md, "displayName"); dn != nil && !armjson.IsNull(dn) {
			props.Set("displayName", dn)
		}
	}
	rec.Body = splice(rec.Body, start, end, props)
	return rec
}

// metadataProperties returns the properties object of a metadata resource, or
// metadata itself when it is that object already; nil when it is neither.
func metadataProperties(metadata []byte) []byte {
	if p := armjson.Lookup(metadata, "properties"); armjson.IsObject(p) {
		return p
	}
	if armjson.IsObject(metadata) {
		return metadata
	}
	return nil
}

// HasMetadata reports whether rec's body has properties.metadata.
func HasMetadata(rec model.Record) bool {
	v := armjson.Lookup(rec.Body, "properties", "metadata")
	return v != nil && !armjson.IsNull(v)
}

// MetadataName returns the name of the assessment metadata rec refers to: an
// assessment's name, lower-cased as ARM names compare case-insensitively; ""
// for other kinds.
func MetadataName(rec model.Record) string {
	if rec.Kind != model.KindAssessment {
		return ""
	}
	return rec.Key[strings.LastIndexByte(rec.Key, '/')+1:]
}

// ParseMetadata validates the body of an assessment metadata PUT
// ({"properties": {...}}) for the metadata named name, and returns the resource
// as GET serves it: id /providers/Microsoft.Security/assessmentMetadata/{name},
// name, type and properties, enum values spelled canonically.
func ParseMetadata(name string, body []byte) (json.RawMessage, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	c, err := armjson.Compact(body)
	if err != nil {
		return nil, err
	}
	top, err := armjson.Split(c)
	if err != nil {
		return nil, &FieldError{Field: "body", Msg: "must be a JSON object"}
	}
	props, err := object(top, "", "properties")
	if err != nil {
		return nil, err
	}
	dn, ok := armjson.Unquote(props.Get("displayName"))
	if !ok || strings.TrimSpace(dn) == "" {
		if props.Has("displayName") && !ok {
			return nil, fieldErr("properties.displayName", "must be a string")
		}
		return nil, fieldErr("properties.displayName", "required")
	}
	if _, err := setEnum(&props, "properties", "severity", metadataSeverities); err != nil {
		return nil, err
	}
	if _, err := setEnum(&props, "properties", "assessmentType", metadataAssessTypes); err != nil {
		return nil, err
	}
	b := make([]byte, 0, props.Size()+2*len(name)+128)
	b = append(b, `{"id":`...)
	b = armjson.AppendQuote(b, "/providers/Microsoft.Security/assessmentMetadata/"+name)
	b = append(b, `,"name":`...)
	b = armjson.AppendQuote(b, name)
	b = append(b, `,"type":"Microsoft.Security/assessmentMetadata","properties":`...)
	b = props.AppendTo(b)
	return append(b, '}'), nil
}
