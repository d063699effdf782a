package posture

import (
	"strings"
	"unicode/utf8"
)

// armID is a record's ARM id taken apart.
type armID struct {
	subscription  string // as written
	resourceGroup string // as written; "" when none
	// resource is, for assessments and sub-assessments, the id of the assessed
	// resource: everything before /providers/Microsoft.Security/assessments.
	resource string
	name     string // the last segment
}

// segments splits an ARM id under /subscriptions/{id} into its segments
// (without the leading empty one); ok is false for a malformed id.
func segments(id string) ([]string, bool) {
	rest, ok := strings.CutPrefix(id, "/")
	if !ok {
		return nil, false
	}
	segs := strings.Split(rest, "/")
	for _, s := range segs {
		if s == "" {
			return nil, false
		}
	}
	if len(segs) < 2 || !strings.EqualFold(segs[0], "subscriptions") {
		return nil, false
	}
	return segs, true
}

// match reports whether segs fit pattern: "*" matches any segment, any other
// entry the same segment ignoring case.
func match(segs []string, pattern ...string) bool {
	if len(segs) != len(pattern) {
		return false
	}
	for i, p := range pattern {
		if p != "*" && !strings.EqualFold(segs[i], p) {
			return false
		}
	}
	return true
}

// resourceGroupOf returns the resource group segment of segs, if it has one.
func resourceGroupOf(segs []string) string {
	if len(segs) >= 4 && strings.EqualFold(segs[2], "resourceGroups") {
		return segs[3]
	}
	return ""
}

// parseUnderResource parses ids of the form {resourceId}{suffix}, where suffix
// is the pattern of the last len(suffix) segments.
func parseUnderResource(id string, suffix ...string) (armID, bool) {
	segs, ok := segments(id)
	n := len(segs) - len(suffix)
	if !ok || n < 2 || !match(segs[n:], suffix...) {
		return armID{}, false
	}
	cut := len(id)
	for _, s := range segs[n:] {
		cut -= len(s) + 1
	}
	return armID{
		subscription:  segs[1],
		resourceGroup: resourceGroupOf(segs[:n]),
		resource:      id[:cut],
		name:          segs[len(segs)-1],
	}, true
}

func parseAssessmentID(id string) (armID, bool) {
	return parseUnderResource(id, "providers", "Microsoft.Security", "assessments", "*")
}

func parseSubAssessmentID(id string) (armID, bool) {
	return parseUnderResource(id, "providers", "Microsoft.Security", "assessments", "*", "subAssessments", "*")
}

// parseFixed parses ids that are exactly one of patterns.
func parseFixed(id string, patterns ...[]string) (armID, bool) {
	segs, ok := segments(id)
	if !ok {
		return armID{}, false
	}
	for _, p := range patterns {
		if match(segs, p...) {
			return armID{
				subscription:  segs[1],
				resourceGroup: resourceGroupOf(segs),
				name:          segs[len(segs)-1],
			}, true
		}
	}
	return armID{}, false
}

func parseAlertID(id string) (armID, bool) {
	return parseFixed(id,
		[]string{"subscriptions", "*", "providers", "Microsoft.Security", "locations", "*", "alerts", "*"},
		[]string{"subscriptions", "*", "resourceGroups", "*", "providers", "Microsoft.Security", "locations", "*", "alerts", "*"})
}

func parseComplianceID(id string) (armID, bool) {
	return parseFixed(id, []string{"subscriptions", "*", "providers", "Microsoft.Security",
		"regulatoryComplianceStandards", "*", "regulatoryComplianceControls", "*", "regulatoryComplianceAssessments", "*"})
}

func parseSecureScoreID(id string) (armID, bool) {
	return parseFixed(id, []string{"subscriptions", "*", "providers", "Microsoft.Security", "secureScores", "*"})
}

func parseSecureScoreControlID(id string) (armID, bool) {
	return parseFixed(id, []string{"subscriptions", "*", "providers", "Microsoft.Security", "secureScores", "*", "secureScoreControls", "*"})
}

// lower lower-cases an ARM id. Ids are ASCII in practice, and for them this
// takes half the time of strings.ToLower (whose byte-at-a-time builder is
// felt on a 230-byte id in the ingest hot path).
func lower(s string) string {
	b := make([]byte, len(s))
	for i := range len(s) {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return strings.ToLower(s)
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}
