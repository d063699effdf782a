package api

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/secexport/secexport/internal/store"
)

const providerPrefix = "/providers/microsoft.security/"

// armPath is a request path split at its last Microsoft.Security provider segment.
type armPath struct {
	scope     string   // as given, without trailing slash ("" for tenant level)
	scopeSegs []string // scope split on "/"
	tail      []string // the segments after the provider, as given
	lower     []string // tail lower-cased
}

func parseARMPath(p string) (armPath, bool) {
	lp := strings.ToLower(p)
	i := strings.LastIndex(lp, providerPrefix)
	if i < 0 {
		return armPath{}, false
	}
	ap := armPath{scope: strings.TrimSuffix(p[:i], "/")}
	if ap.scope != "" {
		ap.scopeSegs = strings.Split(strings.TrimPrefix(ap.scope, "/"), "/")
	}
	rest := strings.Trim(p[i+len(providerPrefix):], "/")
	if rest == "" {
		return armPath{}, false
	}
	ap.tail = strings.Split(rest, "/")
	ap.lower = strings.Split(strings.ToLower(rest), "/")
	return ap, true
}

// subscriptionScope returns the subscription and resource group of a scope of
// the form /subscriptions/{s}[/resourceGroups/{rg}].
func (ap armPath) subscriptionScope() (sub, rg string, ok bool) {
	s := ap.scopeSegs
	switch {
	case len(s) == 2 && strings.EqualFold(s[0], "subscriptions") && s[1] != "":
		return s[1], "", true
	case len(s) == 4 && strings.EqualFold(s[0], "subscriptions") && strings.EqualFold(s[2], "resourcegroups") && s[1] != "" && s[3] != "":
		return s[1], s[3], true
	}
	return "", "", false
}

func (s *Server) arm(w http.ResponseWriter, r *http.Request) error {
	ap, ok := parseARMPath(r.URL.Path)
	if !ok {
		if wp, ok := parseWorkspacePath(r.URL.Path); ok {
			return s.workspaces(w, r, wp)
		}
		return errorf(http.StatusNotFound, "NotFound", "no API at %s %s", r.Method, r.URL.Path)
	}
	switch ap.lower[0] {
	case "automations":
		return s.automations(w, r, ap)
	case "assessments":
		return s.assessments(w, r, ap)
	case "subassessments":
		if len(ap.tail) == 1 {
			return s.listSubAssessments(w, r, ap, "")
		}
	case "assessmentmetadata":
		return s.metadata(w, r, ap)
	case "alerts":
		if len(ap.tail) == 1 {
			return s.listAlerts(w, r, ap, "")
		}
	case "locations":
		if len(ap.lower) >= 3 && ap.lower[2] == "alerts" {
			return s.locationAlerts(w, r, ap)
		}
	}
	return errorf(http.StatusNotFound, "InvalidResourceType", "the resource type '%s' could not be found in the namespace 'Microsoft.Security'", strings.Join(ap.tail, "/"))
}

// apiVersion checks the api-version query parameter against the accepted ones.
func apiVersion(r *http.Request, accepted ...string) error {
	v := r.URL.Query().Get("api-version")
	if v == "" {
		return badRequest("MissingApiVersionParameter", "the api-version query parameter (?api-version=) is required for all requests; supported versions: %s", strings.Join(accepted, ", "))
	}
	if !slices.Contains(accepted, v) {
		return badRequest("InvalidApiVersionParameter", "the api-version '%s' is invalid; the supported versions are '%s'", v, strings.Join(accepted, "', '"))
	}
	return nil
}

func methodNotAllowed(r *http.Request, allowed ...string) error {
	e := errorf(http.StatusMethodNotAllowed, "MethodNotAllowed", "%s is not supported here; use %s", r.Method, strings.Join(allowed, " or "))
	e.Allow = allowed
	return e
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
