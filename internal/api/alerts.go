package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/secexport/secexport/internal/ingest"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
	"github.com/secexport/secexport/internal/posture/armjson"
)

var alertVersions = []string{"2022-01-01", "2021-01-01", "2020-01-01", "2019-01-01"}

// alertStatus maps the state-change verbs of the alerts API to statuses.
var alertStatus = map[string]string{
	"activate":   "Active",
	"dismiss":    "Dismissed",
	"resolve":    "Resolved",
	"inprogress": "InProgress",
}

// listAlerts lists alerts of a subscription or resource group, optionally in one location.
func (s *Server) listAlerts(w http.ResponseWriter, r *http.Request, ap armPath, location string) error {
	if err := apiVersion(r, alertVersions...); err != nil {
		return err
	}
	if r.Method != http.MethodGet {
		return methodNotAllowed(r, "GET")
	}
	sub, rg, ok := ap.subscriptionScope()
	if !ok {
		return badRequest("InvalidScope", "alerts are listed under /subscriptions/{subscriptionId}[/resourceGroups/{resourceGroupName}]; %q is not such a scope", ap.scope)
	}
	prefix := "/subscriptions/" + sub
	if rg != "" {
		prefix += "/resourceGroups/" + rg
	}
	var match func(model.Record) bool
	if location != "" {
		seg := "/locations/" + strings.ToLower(location) + "/alerts/"
		match = func(rec model.Record) bool { return strings.Contains(rec.Key, seg) }
	}
	return s.listRecords(w, r, model.KindAlert, prefix, match)
}

// locationAlerts serves …/locations/{loc}/alerts[/{name}[/{verb}]].
func (s *Server) locationAlerts(w http.ResponseWriter, r *http.Request, ap armPath) error {
	location := ap.tail[1]
	switch len(ap.tail) {
	case 3:
		return s.listAlerts(w, r, ap, location)
	case 4, 5:
	default:
		return errorf(http.StatusNotFound, "NotFound", "no API at %s %s", r.Method, r.URL.Path)
	}
	if err := apiVersion(r, alertVersions...); err != nil {
		return err
	}
	sub, rg, ok := ap.subscriptionScope()
	if !ok {
		return badRequest("InvalidScope", "alerts live under /subscriptions/{subscriptionId}[/resourceGroups/{resourceGroupName}]; %q is not such a scope", ap.scope)
	}
	name := strings.ToLower(ap.tail[3])
	key, err := s.findAlert(r, sub, rg, location, name)
	if err != nil {
		return err
	}
	if len(ap.tail) == 4 {
		if r.Method != http.MethodGet {
			return methodNotAllowed(r, "GET")
		}
		return s.getRecord(w, r, key, "alert")
	}
	if r.Method != http.MethodPost {
		return methodNotAllowed(r, "POST")
	}
	status, ok := alertStatus[ap.lower[4]]
	if !ok {
		return errorf(http.StatusNotFound, "NotFound", "alerts have no action %q; use activate, dismiss, resolve or inProgress", ap.tail[4])
	}
	return s.setAlertStatus(w, r, key, status)
}

// findAlert finds an alert by name. At subscription level Azure's alert ids
// still carry the alert's resource group, so the key is looked up by its tail.
func (s *Server) findAlert(r *http.Request, sub, rg, location, name string) (string, error) {
	tail := strings.ToLower("/providers/Microsoft.Security/locations/" + location + "/alerts/" + name)
	if rg != "" {
		return strings.ToLower("/subscriptions/"+sub+"/resourceGroups/"+rg) + tail, nil
	}
	key := strings.ToLower("/subscriptions/"+sub) + tail
	if _, _, err := s.Engine.Store.Record(r.Context(), key); err == nil {
		return key, nil
	}
	recs, err := s.Engine.Store.Records(r.Context(), storeQuery(model.KindAlert, strings.ToLower("/subscriptions/"+sub+"/"), func(rec model.Record) bool {
		return strings.HasSuffix(rec.Key, tail)
	}))
	if err != nil {
		return "", err
	}
	if len(recs) == 0 {
		return "", notFound("the alert %s was not found in location %s of subscription %s", name, location, sub)
	}
	return recs[0].Key, nil
}

func (s *Server) setAlertStatus(w http.ResponseWriter, r *http.Request, key, status string) error {
	rec, _, err := s.Engine.Store.Record(r.Context(), key)
	if isNotFound(err) {
		return notFound("the alert %s was not found", key)
	}
	if err != nil {
		return err
	}
	// Change only the status, keeping the stored body's members and their order.
	start, end, ok := armjson.Span(rec.Body, "properties")
	if !ok {
		return fmt.Errorf("stored alert %s has no properties", key)
	}
	props, err := armjson.Split(rec.Body[start:end])
	if err != nil {
		return fmt.Errorf("stored alert %s: %w", key, err)
	}
	props.Set("status", armjson.Quote(status))
	body := append(append(append([]byte{}, rec.Body[:start]...), props.AppendTo(nil)...), rec.Body[end:]...)
	updated, err := posture.Parse(body)
	if err != nil {
		return err
	}
	results, err := s.Engine.Pipeline.Apply(r.Context(), []ingest.Change{{Record: updated}})
	if err != nil {
		return err
	}
	if results[0].Err != nil {
		return results[0].Err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
