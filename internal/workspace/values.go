package workspace

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/posture/armjson"
)

// Converters from a raw JSON value of a payload to a row value of a column
// type. A value that is absent, null or of another JSON type gives the
// column's missing value: "" for strings, nil for the rest.

// str is a string column's value: a JSON string's text, a number or bool as
// written, "" otherwise.
func str(raw []byte) string {
	switch {
	case raw == nil || armjson.IsNull(raw):
		return ""
	case armjson.IsString(raw):
		s, _ := armjson.Unquote(raw)
		return s
	case armjson.IsObject(raw) || armjson.IsArray(raw):
		return ""
	}
	return string(raw)
}

// text is a string column that holds JSON text (SecurityAlert's Entities,
// ExtendedProperties, RemediationSteps, …): objects and arrays as written,
// strings unquoted, "" for null.
func text(raw []byte) string {
	if armjson.IsObject(raw) || armjson.IsArray(raw) {
		return string(raw)
	}
	return str(raw)
}

// datetime parses RFC 3339 text (Azure writes up to 7 fractional digits).
func datetime(raw []byte) any {
	s := str(raw)
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil
	}
	return t.UTC()
}

func float(raw []byte) any {
	if !armjson.IsNumber(raw) {
		return nil
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return nil
	}
	return f
}

func long(raw []byte) any {
	if !armjson.IsNumber(raw) {
		return nil
	}
	if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(string(raw), 64); err == nil {
		return int64(f)
	}
	return nil
}

func integer(raw []byte) any {
	n, ok := long(raw).(int64)
	if !ok {
		return nil
	}
	return int32(n)
}

func boolean(raw []byte) any {
	switch string(raw) {
	case "true":
		return true
	case "false":
		return false
	}
	return nil
}

// dynamic is a dynamic column's value: the JSON as written, nil for null.
func dynamic(raw []byte) any {
	if raw == nil || armjson.IsNull(raw) {
		return nil
	}
	return json.RawMessage(raw)
}

// object splits a raw JSON object; anything else is an empty one.
func object(raw []byte) armjson.Object {
	if !armjson.IsObject(raw) {
		return nil
	}
	o, _ := armjson.Split(raw)
	return o
}

// idSegment returns the segment that follows the segment named key in an ARM
// id (case-insensitive), or "".
func idSegment(id, key string) string {
	segs := strings.Split(id, "/")
	for i := 0; i+1 < len(segs); i++ {
		if strings.EqualFold(segs[i], key) {
			return segs[i+1]
		}
	}
	return ""
}

// subscriptionOf returns the subscription of an ARM id, or "".
func subscriptionOf(id string) string { return idSegment(id, "subscriptions") }

// scopeOf returns the id of what a Microsoft.Security resource is about: all
// before its last /providers/Microsoft.Security/ segment.
func scopeOf(id string) string {
	i := strings.LastIndex(strings.ToLower(id), "/providers/microsoft.security/")
	if i < 0 {
		return id
	}
	return id[:i]
}

// providerType returns "Namespace/type" of an ARM resource id's last
// provider segment ("Microsoft.Compute/virtualMachines"), "Subscriptions"
// for a subscription or resource group id, or "".
func providerType(id string) string {
	segs := strings.Split(strings.Trim(id, "/"), "/")
	for i := len(segs) - 3; i >= 0; i-- {
		if strings.EqualFold(segs[i], "providers") {
			return segs[i+1] + "/" + segs[i+2]
		}
	}
	if len(segs) >= 2 && strings.EqualFold(segs[0], "subscriptions") {
		return "Subscriptions"
	}
	return ""
}
