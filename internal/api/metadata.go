package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/secexport/secexport/internal/ingest"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
	"github.com/secexport/secexport/internal/store"
)

var metadataVersions = []string{"2025-05-04", "2021-06-01", "2020-01-01", "2019-01-01-preview"}

func metadataKey(sub, name string) string {
	if sub == "" {
		return strings.ToLower("/providers/Microsoft.Security/assessmentMetadata/" + name)
	}
	return strings.ToLower("/subscriptions/" + sub + "/providers/Microsoft.Security/assessmentMetadata/" + name)
}

func (s *Server) metadata(w http.ResponseWriter, r *http.Request, ap armPath) error {
	if err := apiVersion(r, metadataVersions...); err != nil {
		return err
	}
	sub := ""
	if ap.scope != "" {
		var rg string
		var ok bool
		sub, rg, ok = ap.subscriptionScope()
		if !ok || rg != "" {
			return badRequest("InvalidScope", "assessment metadata lives at the tenant (/providers/Microsoft.Security/assessmentMetadata) or in a subscription (/subscriptions/{subscriptionId}/providers/...), not under %q", ap.scope)
		}
	}
	if len(ap.tail) == 1 {
		if r.Method != http.MethodGet {
			return methodNotAllowed(r, "GET")
		}
		bodies, err := s.Engine.Store.MetadataList(r.Context(), strings.TrimSuffix(metadataKey(sub, ""), "/")+"/")
		if err != nil {
			return err
		}
		items := make([]json.RawMessage, len(bodies))
		for i, b := range bodies {
			items[i] = b
		}
		writeList(w, r, items, false, "")
		return nil
	}
	if len(ap.tail) != 2 {
		return errorf(http.StatusNotFound, "NotFound", "no API at %s %s", r.Method, r.URL.Path)
	}
	name := ap.tail[1]
	key := metadataKey(sub, name)
	switch r.Method {
	case http.MethodGet:
		b, err := s.Engine.Store.Metadata(r.Context(), key)
		if isNotFound(err) && sub != "" {
			b, err = s.Engine.Store.Metadata(r.Context(), metadataKey("", name))
		}
		if isNotFound(err) {
			return notFound("no assessment metadata named %s", name)
		}
		if err != nil {
			return err
		}
		writeRaw(w, http.StatusOK, b)
		return nil
	case http.MethodPut:
		body, err := s.readBody(w, r, s.MaxBody)
		if err != nil {
			return err
		}
		md, err := posture.ParseMetadata(name, body)
		if err != nil {
			return badRequest("InvalidInput", "%v", err)
		}
		err = s.Engine.Store.Write(r.Context(), func(tx *store.Tx) error {
			_, err := tx.PutMetadata(key, md)
			return err
		})
		if err != nil {
			return err
		}
		writeRaw(w, http.StatusOK, md)
		return nil
	case http.MethodDelete:
		var existed bool
		err := s.Engine.Store.Write(r.Context(), func(tx *store.Tx) error {
			var err error
			existed, err = tx.DeleteMetadata(key)
			return err
		})
		if err != nil {
			return err
		}
		if !existed {
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
		if sub != "" {
			// As in Azure, deleting a subscription's assessment metadata deletes
			// its assessments, each exported as a deletion.
			if err := s.deleteAssessmentsOf(r.Context(), sub, name); err != nil {
				return err
			}
		}
		w.WriteHeader(http.StatusOK)
		return nil
	}
	return methodNotAllowed(r, "GET", "PUT", "DELETE")
}

// metadataResolver fills in the metadata of assessments that carry none,
// caching look-ups for one request.
type metadataResolver struct {
	st    *store.Store
	cache map[string][]byte
}

func (m *metadataResolver) resolve(ctx context.Context, rec model.Record) (model.Record, error) {
	if rec.Kind != model.KindAssessment || posture.HasMetadata(rec) {
		return rec, nil
	}
	name := posture.MetadataName(rec)
	ck := rec.Subscription + "/" + name
	md, ok := m.cache[ck]
	if !ok {
		var err error
		md, err = m.st.Metadata(ctx, metadataKey(rec.Subscription, name))
		if isNotFound(err) {
			md, err = m.st.Metadata(ctx, metadataKey("", name))
		}
		if err != nil && !isNotFound(err) {
			return rec, err
		}
		if m.cache == nil {
			m.cache = map[string][]byte{}
		}
		m.cache[ck] = md
	}
	if md == nil {
		return rec, badRequest("AssessmentMetadataNotFound",
			"the assessment %s has no properties.metadata and no assessment metadata named %s is registered; send metadata inline or PUT it at /subscriptions/%s/providers/Microsoft.Security/assessmentMetadata/%s",
			rec.Key, name, rec.Subscription, name)
	}
	return posture.WithMetadata(rec, md), nil
}

// deleteAssessmentsOf deletes every assessment named name in a subscription.
func (s *Server) deleteAssessmentsOf(ctx context.Context, sub, name string) error {
	suffix := strings.ToLower("/providers/Microsoft.Security/assessments/" + name)
	q := store.RecordQuery{Kind: model.KindAssessment, Prefix: strings.ToLower("/subscriptions/" + sub + "/"), Limit: 1000,
		Match: func(rec model.Record) bool { return strings.HasSuffix(rec.Key, suffix) }}
	for {
		recs, err := s.Engine.Store.Records(ctx, q)
		if err != nil {
			return err
		}
		more := len(recs) > q.Limit
		if more {
			recs = recs[:q.Limit]
		}
		changes := make([]ingest.Change, len(recs))
		for i, rec := range recs {
			changes[i] = ingest.Change{Record: model.Record{Key: rec.Key}, Delete: true}
		}
		if len(changes) > 0 {
			if _, err := s.Engine.Pipeline.Apply(ctx, changes); err != nil {
				return err
			}
		}
		if !more {
			return nil
		}
		q.After = recs[len(recs)-1].Key
	}
}
