package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/destination/loganalytics"
	"github.com/secexport/secexport/internal/store"
	"github.com/secexport/secexport/internal/workspace"
)

// Log Analytics workspaces (Microsoft.OperationalInsights/workspaces): the
// ARM API of Azure's workspaces, for the workspaces registered in secexport.

var workspaceVersions = []string{"2022-10-01", "2023-09-01", "2025-02-01"}

const workspaceProvider = "/providers/microsoft.operationalinsights/"

// workspacePath is a request path under the Microsoft.OperationalInsights
// provider: the scope before it and the segments after it.
type workspacePath struct {
	sub, rg string
	tail    []string
}

func parseWorkspacePath(p string) (workspacePath, bool) {
	i := strings.Index(strings.ToLower(p), workspaceProvider)
	if i < 0 {
		return workspacePath{}, false
	}
	ap := armPath{scope: strings.TrimSuffix(p[:i], "/")}
	if ap.scope != "" {
		ap.scopeSegs = strings.Split(strings.TrimPrefix(ap.scope, "/"), "/")
	}
	sub, rg, ok := ap.subscriptionScope()
	if !ok {
		return workspacePath{}, false
	}
	rest := strings.Trim(p[i+len(workspaceProvider):], "/")
	return workspacePath{sub: sub, rg: rg, tail: strings.Split(rest, "/")}, true
}

// workspaces serves …/providers/Microsoft.OperationalInsights/workspaces[/{name}].
func (s *Server) workspaces(w http.ResponseWriter, r *http.Request, wp workspacePath) error {
	if !strings.EqualFold(wp.tail[0], "workspaces") || len(wp.tail) > 2 {
		return errorf(http.StatusNotFound, "InvalidResourceType", "the resource type '%s' could not be found in the namespace 'Microsoft.OperationalInsights'; secexport serves workspaces", strings.Join(wp.tail, "/"))
	}
	if err := apiVersion(r, workspaceVersions...); err != nil {
		return err
	}
	if len(wp.tail) == 1 {
		if r.Method != http.MethodGet {
			return methodNotAllowed(r, "GET")
		}
		return s.listWorkspaces(w, r, wp)
	}
	if wp.rg == "" {
		return badRequest("InvalidScope", "a workspace lives in a resource group: /subscriptions/%s/resourceGroups/{resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/%s", wp.sub, wp.tail[1])
	}
	name := wp.tail[1]
	if !workspaceName.MatchString(name) {
		return badRequest("InvalidWorkspaceName", "the workspace name %q is not valid: 4 to 63 letters, digits and hyphens, starting and ending with a letter or digit", name)
	}
	id := workspaceID(wp.sub, wp.rg, name)
	switch r.Method {
	case http.MethodGet:
		ws, err := s.Engine.Store.Workspace(r.Context(), id)
		if isNotFound(err) {
			return notFound("the workspace %s was not found", id)
		}
		if err != nil {
			return err
		}
		writeRaw(w, http.StatusOK, ws.Body)
		return nil
	case http.MethodPut, http.MethodPatch:
		return s.putWorkspace(w, r, wp, name, id)
	case http.MethodDelete:
		existed, err := s.Engine.Workspaces.Delete(r.Context(), id)
		if err != nil {
			return err
		}
		if existed {
			s.Log.Info("workspace deleted", "workspace", id)
			w.WriteHeader(http.StatusOK)
		} else {
			w.WriteHeader(http.StatusNoContent)
		}
		return nil
	}
	return methodNotAllowed(r, "GET", "PUT", "PATCH", "DELETE")
}

var workspaceName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$`)

// workspaceID is a workspace's resource id, lower-cased as Azure returns it.
func workspaceID(sub, rg, name string) string {
	return strings.ToLower(fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.OperationalInsights/workspaces/%s", sub, rg, name))
}

var skus = []string{"PerGB2018", "Free", "Standalone", "PerNode", "Standard", "Premium", "CapacityReservation", "LACluster"}

// workspaceRequest is the body of a workspace PUT or PATCH.
type workspaceRequest struct {
	Location   *string           `json:"location"`
	Tags       map[string]string `json:"tags"`
	Properties struct {
		Sku                             *workspace.Sku           `json:"sku"`
		RetentionInDays                 *int                     `json:"retentionInDays"`
		PublicNetworkAccessForQuery     *string                  `json:"publicNetworkAccessForQuery"`
		PublicNetworkAccessForIngestion *string                  `json:"publicNetworkAccessForIngestion"`
		LogsIngestion                   *workspace.LogsIngestion `json:"logsIngestion"`
	} `json:"properties"`
}

// putWorkspace creates or replaces (PUT) or updates (PATCH) a workspace. A
// workspace keeps its customerId for good; a new one gets a random one.
func (s *Server) putWorkspace(w http.ResponseWriter, r *http.Request, wp workspacePath, name, id string) error {
	body, err := s.readBody(w, r, s.MaxBody)
	if err != nil {
		return err
	}
	var req workspaceRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return badRequest("InvalidRequestContent", "the request body is not a valid workspace: %v", err)
	}
	prev, err := s.Engine.Store.Workspace(r.Context(), id)
	exists := err == nil
	if err != nil && !isNotFound(err) {
		return err
	}
	now := time.Now().UTC().Format("2006-01-02T15:04:05.0000000Z")
	res := workspace.Resource{Properties: workspace.Properties{
		CustomerID: store.NewID(), Sku: workspace.Sku{Name: "PerGB2018"}, RetentionInDays: workspace.DefaultRetentionDays,
		PublicNetworkAccessForQuery: "Enabled", PublicNetworkAccessForIngestion: "Enabled", CreatedDate: now,
	}}
	switch {
	case exists:
		if res, err = workspace.ParseResource(prev.Body); err != nil {
			return err
		}
		if r.Method == http.MethodPut {
			// A PUT replaces what it can set; what it leaves out takes the defaults.
			res.Tags, res.Properties.LogsIngestion = nil, nil
			res.Properties.Sku, res.Properties.RetentionInDays = workspace.Sku{Name: "PerGB2018"}, workspace.DefaultRetentionDays
		}
	case r.Method == http.MethodPatch:
		return notFound("the workspace %s was not found", id)
	}
	if err := req.apply(&res, r.Method == http.MethodPut); err != nil {
		return err
	}
	res.ID, res.Name, res.Type = id, name, workspace.ResourceType
	res.Properties.ProvisioningState = "Succeeded"
	res.Properties.ModifiedDate = now
	stored, err := json.Marshal(res)
	if err != nil {
		return err
	}
	created, err := s.Engine.Workspaces.Put(r.Context(), store.Workspace{Key: id, Subscription: strings.ToLower(wp.sub), ResourceGroup: strings.ToLower(wp.rg),
		CustomerID: res.Properties.CustomerID, RetentionDays: res.Properties.RetentionInDays, Body: stored, Updated: time.Now()})
	if err != nil {
		return err
	}
	s.Log.Info("workspace stored", "workspace", id, "customer_id", res.Properties.CustomerID, "created", created)
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeRaw(w, status, stored)
	return nil
}

// apply validates the request and sets what it carries on res; a PUT must
// carry a location.
func (q *workspaceRequest) apply(res *workspace.Resource, put bool) error {
	switch {
	case q.Location != nil && strings.TrimSpace(*q.Location) != "":
		res.Location = *q.Location
	case put:
		return badRequest("LocationRequired", "the location property is required for this definition")
	}
	if q.Tags != nil {
		res.Tags = q.Tags
	}
	p := q.Properties
	if p.Sku != nil {
		i := slices.IndexFunc(skus, func(s string) bool { return strings.EqualFold(s, p.Sku.Name) })
		if i < 0 {
			return badRequest("InvalidParameter", "properties.sku.name %q is not one of %s", p.Sku.Name, strings.Join(skus, ", "))
		}
		res.Properties.Sku = workspace.Sku{Name: skus[i]}
	}
	if p.RetentionInDays != nil {
		if err := workspace.CheckRetention(*p.RetentionInDays); err != nil {
			return badRequest("InvalidParameter", "properties.%v", err)
		}
		res.Properties.RetentionInDays = *p.RetentionInDays
	}
	for _, v := range []struct {
		name string
		in   *string
		out  *string
	}{
		{"publicNetworkAccessForQuery", p.PublicNetworkAccessForQuery, &res.Properties.PublicNetworkAccessForQuery},
		{"publicNetworkAccessForIngestion", p.PublicNetworkAccessForIngestion, &res.Properties.PublicNetworkAccessForIngestion},
	} {
		if v.in == nil {
			continue
		}
		switch {
		case strings.EqualFold(*v.in, "Enabled"):
			*v.out = "Enabled"
		case strings.EqualFold(*v.in, "Disabled"):
			*v.out = "Disabled"
		default:
			return badRequest("InvalidParameter", "properties.%s must be Enabled or Disabled, not %q", v.name, *v.in)
		}
	}
	if li := p.LogsIngestion; li != nil {
		c := loganalytics.Config{Endpoint: li.Endpoint, RuleID: li.RuleID, StreamPrefix: li.StreamPrefix}
		if err := c.Validate(); err != nil {
			return badRequest("InvalidParameter", "properties.logsIngestion: %v", err)
		}
		res.Properties.LogsIngestion = li
	}
	return nil
}

func (s *Server) listWorkspaces(w http.ResponseWriter, r *http.Request, wp workspacePath) error {
	all, err := s.Engine.Store.Workspaces(r.Context(), strings.ToLower(wp.sub), strings.ToLower(wp.rg))
	if err != nil {
		return err
	}
	items := make([]json.RawMessage, len(all))
	for i, ws := range all {
		items[i] = ws.Body
	}
	writeList(w, r, items, false, "")
	return nil
}
