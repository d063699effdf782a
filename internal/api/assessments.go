package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/secexport/secexport/internal/ingest"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
	"github.com/secexport/secexport/internal/posture/armjson"
	"github.com/secexport/secexport/internal/store"
)

var (
	assessmentVersions    = []string{"2025-05-04", "2021-06-01", "2020-01-01", "2019-01-01-preview"}
	subAssessmentVersions = []string{"2019-01-01-preview"}
)

func (s *Server) assessments(w http.ResponseWriter, r *http.Request, ap armPath) error {
	if len(ap.tail) >= 3 && ap.lower[2] == "subassessments" {
		return s.subAssessments(w, r, ap)
	}
	if err := apiVersion(r, assessmentVersions...); err != nil {
		return err
	}
	if len(ap.scopeSegs) < 2 || !strings.EqualFold(ap.scopeSegs[0], "subscriptions") {
		return badRequest("InvalidScope", "assessments live under a subscription or a resource in one (/subscriptions/{subscriptionId}/...); %q is not such a scope", ap.scope)
	}
	if len(ap.tail) == 1 {
		if r.Method != http.MethodGet {
			return methodNotAllowed(r, "GET")
		}
		return s.listRecords(w, r, model.KindAssessment, ap.scope, nil)
	}
	if len(ap.tail) != 2 {
		return errorf(http.StatusNotFound, "NotFound", "no API at %s %s", r.Method, r.URL.Path)
	}
	name := ap.tail[1]
	key := strings.ToLower(ap.scope + "/providers/Microsoft.Security/assessments/" + name)
	switch r.Method {
	case http.MethodGet:
		return s.getRecord(w, r, key, "assessment")
	case http.MethodPut:
		body, err := s.readBody(w, r, s.MaxBody)
		if err != nil {
			return err
		}
		rec, err := posture.Assessment(ap.scope, name, body)
		if err != nil {
			return badRequest("InvalidInput", "%v", err)
		}
		res := metadataResolver{st: s.Engine.Store}
		if rec, err = res.resolve(r.Context(), rec); err != nil {
			return err
		}
		results, err := s.Engine.Pipeline.Apply(r.Context(), []ingest.Change{{Record: rec}})
		if err != nil {
			return err
		}
		if results[0].Err != nil {
			return results[0].Err
		}
		status := http.StatusOK
		if results[0].Created {
			status = http.StatusCreated
		}
		writeRaw(w, status, expand(results[0].Record.Body, r))
		return nil
	case http.MethodDelete:
		results, err := s.Engine.Pipeline.Apply(r.Context(), []ingest.Change{{Record: model.Record{Key: key}, Delete: true}})
		if err != nil {
			return err
		}
		if results[0].Err != nil {
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
		w.WriteHeader(http.StatusOK)
		return nil
	}
	return methodNotAllowed(r, "GET", "PUT", "DELETE")
}

func (s *Server) subAssessments(w http.ResponseWriter, r *http.Request, ap armPath) error {
	if err := apiVersion(r, subAssessmentVersions...); err != nil {
		return err
	}
	if r.Method != http.MethodGet {
		return methodNotAllowed(r, "GET")
	}
	base := strings.ToLower(ap.scope + "/providers/Microsoft.Security/assessments/" + ap.tail[1] + "/subAssessments")
	switch len(ap.tail) {
	case 3:
		return s.listRecords(w, r, model.KindSubAssessment, base, nil)
	case 4:
		return s.getRecord(w, r, base+"/"+strings.ToLower(ap.tail[3]), "sub-assessment")
	}
	return errorf(http.StatusNotFound, "NotFound", "no API at %s %s", r.Method, r.URL.Path)
}

func (s *Server) listSubAssessments(w http.ResponseWriter, r *http.Request, ap armPath, _ string) error {
	if err := apiVersion(r, subAssessmentVersions...); err != nil {
		return err
	}
	if r.Method != http.MethodGet {
		return methodNotAllowed(r, "GET")
	}
	return s.listRecords(w, r, model.KindSubAssessment, ap.scope, nil)
}

func (s *Server) getRecord(w http.ResponseWriter, r *http.Request, key, what string) error {
	rec, _, err := s.Engine.Store.Record(r.Context(), key)
	if isNotFound(err) {
		return notFound("the %s %s was not found", what, key)
	}
	if err != nil {
		return err
	}
	writeRaw(w, http.StatusOK, expand(rec.Body, r))
	return nil
}

// listRecords lists records of kind under scope (an id prefix).
func (s *Server) listRecords(w http.ResponseWriter, r *http.Request, kind model.Kind, scope string, match func(model.Record) bool) error {
	after, size, err := page(r)
	if err != nil {
		return err
	}
	recs, err := s.Engine.Store.Records(r.Context(), store.RecordQuery{Kind: kind, Prefix: strings.ToLower(scope) + "/", After: after, Limit: size, Match: match})
	if err != nil {
		return err
	}
	more := len(recs) > size
	if more {
		recs = recs[:size]
	}
	items := make([]json.RawMessage, len(recs))
	for i, rec := range recs {
		items[i] = expand(rec.Body, r)
	}
	last := ""
	if len(recs) > 0 {
		last = recs[len(recs)-1].Key
	}
	writeList(w, r, items, more, last)
	return nil
}

// expand shapes a stored assessment for a GET as Azure does: properties.metadata
// and properties.links only when $expand asks for them (comma-separated:
// metadata, links). The rest of the body is kept as stored.
func expand(body []byte, r *http.Request) []byte {
	if t := armjson.Lookup(body, "type"); !armjson.StringFold(t, "Microsoft.Security/assessments") {
		return body
	}
	want := map[string]bool{}
	for _, e := range strings.Split(strings.ToLower(r.URL.Query().Get("$expand")), ",") {
		want[strings.TrimSpace(e)] = true
	}
	start, end, ok := armjson.Span(body, "properties")
	if !ok {
		return body
	}
	props, err := armjson.Split(body[start:end])
	if err != nil {
		return body
	}
	kept := make(armjson.Object, 0, len(props)+1)
	for _, m := range props {
		k := strings.ToLower(string(m.Key))
		if (k == "metadata" || k == "links") && !want[k] {
			continue
		}
		kept = append(kept, m)
	}
	if want["links"] && !props.Has("links") {
		if id, ok := armjson.Unquote(armjson.Lookup(body, "id")); ok {
			kept.Set("links", portalLinks(id))
		}
	}
	return append(append(append([]byte{}, body[:start]...), kept.AppendTo(nil)...), body[end:]...)
}

// portalLinks is an assessment's links object: the Azure portal page of the
// recommendation for its resource.
func portalLinks(id string) []byte {
	resource, name := id, id
	if i := strings.LastIndex(strings.ToLower(id), "/providers/microsoft.security/assessments/"); i >= 0 {
		resource, name = id[:i], id[i+len("/providers/microsoft.security/assessments/"):]
	}
	uri := "https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/" + name + "/resourceId/" + url.PathEscape(resource)
	b, _ := json.Marshal(map[string]string{"azurePortalUri": uri})
	return b
}

func storeQuery(kind model.Kind, prefix string, match func(model.Record) bool) store.RecordQuery {
	return store.RecordQuery{Kind: kind, Prefix: prefix, Limit: 1, Match: match}
}
