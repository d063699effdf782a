package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/store"
)

var automationVersions = []string{"2023-12-01-preview", "2019-01-01-preview"}

func (s *Server) automations(w http.ResponseWriter, r *http.Request, ap armPath) error {
	if err := apiVersion(r, automationVersions...); err != nil {
		return err
	}
	sub, rg, ok := ap.subscriptionScope()
	if !ok {
		return badRequest("InvalidScope", "automations live under /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}; %q is not such a scope", ap.scope)
	}
	switch {
	case len(ap.tail) == 1:
		if r.Method != http.MethodGet {
			return methodNotAllowed(r, "GET")
		}
		return s.listAutomations(w, r, sub, rg)
	case rg == "":
		return badRequest("InvalidScope", "an automation lives in a resource group: /subscriptions/%s/resourceGroups/{resourceGroupName}/providers/Microsoft.Security/automations/%s", sub, ap.tail[1])
	}
	name := ap.tail[1]
	if err := validName(name); err != nil {
		return err
	}
	id := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations/%s", sub, rg, name)
	key := strings.ToLower(id)
	switch {
	case len(ap.tail) == 2:
		switch r.Method {
		case http.MethodGet:
			return s.getAutomation(w, r, key)
		case http.MethodPut:
			return s.putAutomation(w, r, id, key, sub, rg, name)
		case http.MethodPatch:
			return s.patchAutomation(w, r, id, key, sub, rg)
		case http.MethodDelete:
			existed, err := s.Engine.DeleteAutomation(r.Context(), key)
			if err != nil {
				return err
			}
			if existed {
				w.WriteHeader(http.StatusOK)
			} else {
				w.WriteHeader(http.StatusNoContent)
			}
			return nil
		}
		return methodNotAllowed(r, "GET", "PUT", "PATCH", "DELETE")
	case len(ap.tail) == 3 && ap.lower[2] == "validate":
		if r.Method != http.MethodPost {
			return methodNotAllowed(r, "POST")
		}
		return s.validateAutomation(w, r, key, sub, rg)
	case len(ap.tail) >= 3 && ap.lower[2] == "deadletters":
		return s.deadLetters(w, r, ap, key)
	case len(ap.tail) == 3 && ap.lower[2] == "status":
		if r.Method != http.MethodGet {
			return methodNotAllowed(r, "GET")
		}
		return s.automationStatus(w, r, key)
	}
	return errorf(http.StatusNotFound, "NotFound", "no API at %s %s", r.Method, r.URL.Path)
}

func validName(name string) error {
	if name == "" || len(name) > 260 || strings.ContainsAny(name, "<>%&:\\?/*#") {
		return badRequest("InvalidResourceName", "the resource name %q is not valid: 1 to 260 characters, none of <>%%&:\\?/*#", name)
	}
	return nil
}

// loadAutomation reads a stored automation, secrets decrypted.
func (s *Server) loadAutomation(r *http.Request, key string) (automation.Automation, error) {
	return s.Engine.Automation(r.Context(), key)
}

func (s *Server) getAutomation(w http.ResponseWriter, r *http.Request, key string) error {
	a, err := s.loadAutomation(r, key)
	if isNotFound(err) {
		return notFound("the automation %s was not found", key)
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, a.Public())
	return nil
}

func (s *Server) listAutomations(w http.ResponseWriter, r *http.Request, sub, rg string) error {
	after, size, err := page(r)
	if err != nil {
		return err
	}
	stored, err := s.Engine.Automations(r.Context(), strings.ToLower(sub), strings.ToLower(rg), after, size)
	if err != nil {
		return err
	}
	more := len(stored) > size
	if more {
		stored = stored[:size]
	}
	items := make([]json.RawMessage, 0, len(stored))
	for _, st := range stored {
		b, err := json.Marshal(st.Automation.Public())
		if err != nil {
			return err
		}
		items = append(items, b)
	}
	last := ""
	if len(stored) > 0 {
		last = stored[len(stored)-1].Key
	}
	writeList(w, r, items, more, last)
	return nil
}

func (s *Server) putAutomation(w http.ResponseWriter, r *http.Request, id, key, sub, rg, name string) error {
	body, err := s.readBody(w, r, s.MaxBody)
	if err != nil {
		return err
	}
	a, err := automation.Decode(body)
	if err != nil {
		return err
	}
	prev, err := s.loadAutomation(r, key)
	switch {
	case err == nil:
		if m := r.Header.Get("If-Match"); m != "" && m != "*" && strings.Trim(m, `"`) != prev.Etag {
			return errorf(http.StatusPreconditionFailed, "PreconditionFailed", "If-Match %s does not match the automation's etag", m)
		}
		a.KeepSecrets(prev)
	case isNotFound(err):
		if r.Header.Get("If-Match") != "" {
			return errorf(http.StatusPreconditionFailed, "PreconditionFailed", "If-Match was given but the automation does not exist")
		}
	default:
		return err
	}
	return s.storeAutomation(w, r, &a, id, key, sub, rg, name, http.StatusCreated)
}

func (s *Server) storeAutomation(w http.ResponseWriter, r *http.Request, a *automation.Automation, id, key, sub, rg, name string, createdStatus int) error {
	if err := a.Validate(sub, rg); err != nil {
		return err
	}
	a.ID, a.Name, a.Type = id, name, automation.ResourceType
	a.Etag = store.NewID()
	created, err := s.Engine.PutAutomation(r.Context(), key, strings.ToLower(sub), strings.ToLower(rg), a)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = createdStatus
	}
	s.Log.Info("automation stored", "automation", id, "created", created)
	writeJSON(w, status, a.Public())
	return nil
}

func (s *Server) patchAutomation(w http.ResponseWriter, r *http.Request, id, key, sub, rg string) error {
	body, err := s.readBody(w, r, s.MaxBody)
	if err != nil {
		return err
	}
	prev, err := s.loadAutomation(r, key)
	if isNotFound(err) {
		return notFound("the automation %s was not found", key)
	}
	if err != nil {
		return err
	}
	var patch struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Tags       json.RawMessage            `json:"tags"`
	}
	if err := json.Unmarshal(body, &patch); err != nil {
		return badRequest("InvalidRequestContent", "the request body is not a valid automation update: %v", err)
	}
	cur, err := json.Marshal(prev)
	if err != nil {
		return err
	}
	var merged map[string]json.RawMessage
	json.Unmarshal(cur, &merged)
	var props map[string]json.RawMessage
	json.Unmarshal(merged["properties"], &props)
	if props == nil {
		props = map[string]json.RawMessage{}
	}
	for k, v := range patch.Properties {
		props[k] = v
	}
	merged["properties"], _ = json.Marshal(props)
	if patch.Tags != nil {
		merged["tags"] = patch.Tags
	}
	mb, _ := json.Marshal(merged)
	a, err := automation.Decode(mb)
	if err != nil {
		return err
	}
	a.KeepSecrets(prev)
	return s.storeAutomation(w, r, &a, id, key, sub, rg, prev.Name, http.StatusOK)
}

func (s *Server) validateAutomation(w http.ResponseWriter, r *http.Request, key, sub, rg string) error {
	body, err := s.readBody(w, r, s.MaxBody)
	if err != nil {
		return err
	}
	result := struct {
		IsValid bool   `json:"isValid"`
		Message string `json:"message"`
	}{true, "Validation Successful"}
	a, err := automation.Decode(body)
	if err == nil {
		if prev, perr := s.loadAutomation(r, key); perr == nil {
			a.KeepSecrets(prev)
		}
		err = a.Validate(sub, rg)
	}
	if err == nil {
		err = s.Engine.CheckActions(r.Context(), &a)
	}
	if err != nil {
		result.IsValid, result.Message = false, err.Error()
	}
	writeJSON(w, http.StatusOK, result)
	return nil
}

// actionStatusJSON is one action's delivery state, as GET …/status serves it.
type actionStatusJSON struct {
	ActionIndex   int        `json:"actionIndex"`
	ActionType    string     `json:"actionType"`
	Target        string     `json:"target,omitempty"`
	Running       bool       `json:"running"`
	Pending       int64      `json:"pending"`
	OldestPending *time.Time `json:"oldestPendingTime,omitempty"`
	DeadLetters   int64      `json:"deadLetters"`
	LastError     string     `json:"lastError,omitempty"`
	LastErrorTime *time.Time `json:"lastErrorTime,omitempty"`
}

// automationStatus serves GET …/automations/{name}/status: each action's
// queue depth, oldest queued event, dead letters and last error (secexport's
// own extension; the error text never carries a secret).
func (s *Server) automationStatus(w http.ResponseWriter, r *http.Request, key string) error {
	if _, err := s.Engine.Store.Automation(r.Context(), key); isNotFound(err) {
		return notFound("the automation %s was not found", key)
	} else if err != nil {
		return err
	}
	all, err := s.Engine.Status(r.Context())
	if err != nil {
		return err
	}
	out := []actionStatusJSON{}
	for _, st := range all {
		if st.Automation != key {
			continue
		}
		j := actionStatusJSON{ActionIndex: st.Index, ActionType: st.Kind, Target: st.Target, Running: st.Running,
			Pending: st.Pending, DeadLetters: st.DeadLetters, LastError: st.LastError}
		if !st.Oldest.IsZero() {
			t := st.Oldest.UTC()
			j.OldestPending = &t
		}
		if !st.LastErrorAt.IsZero() {
			t := st.LastErrorAt.UTC()
			j.LastErrorTime = &t
		}
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, map[string]any{"actions": out})
	return nil
}
