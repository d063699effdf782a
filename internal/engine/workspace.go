package engine

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/destination/loganalytics"
	wsdest "github.com/secexport/secexport/internal/destination/workspace"
	"github.com/secexport/secexport/internal/ingest"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
	"github.com/secexport/secexport/internal/store"
	"github.com/secexport/secexport/internal/workspace"
)

// WorkspaceFile is the embedded workspaces' DuckDB database in the data
// directory.
const WorkspaceFile = "workspace.duckdb"

// openWorkspaces opens the embedded workspaces and registers the Workspace
// action type: to a workspace registered in secexport, its rows go to the
// embedded tables, or, when the workspace is configured for the Logs
// Ingestion API, to Azure.
func (e *Engine) openWorkspaces(dataDir string) error {
	db, err := workspace.OpenDB(filepath.Join(dataDir, WorkspaceFile))
	if err != nil {
		return err
	}
	e.Workspaces = &workspace.Service{DB: db, Store: e.Store, Log: e.log}

	var credOnce sync.Once
	var cred azcore.TokenCredential
	var credErr error
	credential := func() (azcore.TokenCredential, error) {
		credOnce.Do(func() { cred, credErr = azidentity.NewDefaultAzureCredential(nil) })
		return cred, credErr
	}
	var raising atomic.Int64
	e.Register(automation.ActionWorkspace, func(a automation.Action) (deliver.Destination, int, error) {
		oversized := func(ctx context.Context, o wsdest.Oversized) {
			// Raise the alert away from the delivery worker: applying it
			// wakes workers, which must not wait on this one.
			if raising.Add(1) > 256 {
				raising.Add(-1)
				e.log.Warn("too many Data limit exceeded alerts at once; one not raised", "workspace", a.WorkspaceResourceID, "event_id", o.Event.ID)
				return
			}
			go func() {
				defer raising.Add(-1)
				e.raiseDataLimit(context.WithoutCancel(ctx), a.WorkspaceResourceID, o)
			}()
		}
		return &workspaceAction{e: e, id: a.WorkspaceResourceID, credential: credential, oversized: oversized}, 1, nil
	})
	return nil
}

// workspaceAction delivers a Workspace action's events to where its
// workspace says: the embedded tables, or Azure when the workspace has
// logsIngestion. It reads the workspace at every batch, so a workspace
// changed or created after the automation takes effect at once, and events
// for a workspace that is gone wait (and retry) until it is back.
type workspaceAction struct {
	e          *Engine
	id         string
	credential func() (azcore.TokenCredential, error)
	oversized  func(context.Context, wsdest.Oversized)

	mu   sync.Mutex
	body string // the workspace resource cur was made for
	cur  deliver.Destination
}

func (d *workspaceAction) Send(ctx context.Context, events []model.Event) error {
	w, err := d.e.Store.Workspace(ctx, strings.ToLower(d.id))
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("the workspace %s is not registered in secexport; events wait for it", d.id)
	}
	if err != nil {
		return err
	}
	dest, err := d.destination(w)
	if err != nil {
		return err
	}
	return dest.Send(ctx, events)
}

func (d *workspaceAction) destination(w store.Workspace) (deliver.Destination, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cur != nil && d.body == string(w.Body) {
		return d.cur, nil
	}
	res, err := workspace.ParseResource(w.Body)
	if err != nil {
		return nil, err
	}
	var dest deliver.Destination
	if li := res.Properties.LogsIngestion; li != nil {
		cfg := loganalytics.Config{Endpoint: li.Endpoint, RuleID: li.RuleID, StreamPrefix: li.StreamPrefix, Gzip: li.Gzip}
		if !cfg.Plain() {
			if cfg.Credential, err = d.credential(); err != nil {
				return nil, fmt.Errorf("Entra ID credential for the Logs Ingestion API: %w", err)
			}
		}
		la, err := loganalytics.New(cfg)
		if err != nil {
			return nil, deliver.Permanent(err)
		}
		la.OnOversized = d.oversized
		dest = la
	} else {
		dest = &wsdest.Destination{CustomerID: w.CustomerID, Rows: d.e.Workspaces, OnOversized: d.oversized}
	}
	d.cur, d.body = dest, string(w.Body)
	return dest, nil
}

// checkWorkspaces refuses Workspace actions naming a workspace that is not
// registered in secexport.
func (e *Engine) checkWorkspaces(ctx context.Context, a *automation.Automation) error {
	for i, act := range a.Properties.Actions {
		if act.ActionType != automation.ActionWorkspace {
			continue
		}
		_, err := e.Store.Workspace(ctx, strings.ToLower(act.WorkspaceResourceID))
		if errors.Is(err, store.ErrNotFound) {
			return &automation.ValidationError{Path: fmt.Sprintf("properties.actions[%d].workspaceResourceId", i),
				Message: fmt.Sprintf("%s is not a workspace registered in secexport; create it first: PUT %s?api-version=2022-10-01 (with properties.logsIngestion to export to an Azure workspace)",
					act.WorkspaceResourceID, act.WorkspaceResourceID)}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// raiseDataLimit raises the "Data limit exceeded" alert for every automation
// of the event's subscription that exports its event source to the
// workspace: the alert is ingested like any other, so the alerts API lists
// it and automations export it.
func (e *Engine) raiseDataLimit(ctx context.Context, workspaceID string, o wsdest.Oversized) {
	sub := subscriptionOfKey(o.Event.RecordKey)
	stored, err := e.Store.Automations(ctx, sub, "", "", 10000)
	if err != nil {
		e.log.Error("Data limit exceeded alert not raised", "event_id", o.Event.ID, "err", err)
		return
	}
	var changes []ingest.Change
	for _, s := range stored {
		a, err := automation.Decode(s.Body)
		if err != nil || !exportsTo(a, workspaceID, o) {
			continue
		}
		body := wsdest.DataLimit{AutomationID: a.ID, Location: a.Location, Workspace: workspaceID, Oversized: o, Now: time.Now()}.Alert()
		rec, err := posture.Parse(body)
		if err != nil {
			e.log.Error("Data limit exceeded alert does not parse", "automation", s.Key, "err", err)
			continue
		}
		changes = append(changes, ingest.Change{Record: rec})
		e.log.Warn("record over the Log Analytics limit of 32 KB; raised a Data limit exceeded alert",
			"automation", s.Key, "destination", automation.ActionWorkspace, "event_id", o.Event.ID, "table", o.Table, "size", o.Size)
	}
	if len(changes) == 0 {
		return
	}
	if _, err := e.Pipeline.Apply(ctx, changes); err != nil {
		e.log.Error("Data limit exceeded alert not raised", "event_id", o.Event.ID, "err", err)
	}
}

// exportsTo reports whether a exports events of o's source to workspaceID.
func exportsTo(a automation.Automation, workspaceID string, o wsdest.Oversized) bool {
	to := false
	for _, act := range a.Properties.Actions {
		to = to || act.ActionType == automation.ActionWorkspace && strings.EqualFold(act.WorkspaceResourceID, workspaceID)
	}
	if !to {
		return false
	}
	for _, src := range a.Properties.Sources {
		if src.EventSource == o.Event.Source {
			return true
		}
	}
	return false
}

// subscriptionOfKey returns the subscription of a record key
// (/subscriptions/{sub}/…), or "".
func subscriptionOfKey(key string) string {
	rest, ok := strings.CutPrefix(key, "/subscriptions/")
	if !ok {
		return ""
	}
	sub, _, _ := strings.Cut(rest, "/")
	return sub
}

// closeWorkspaces closes the embedded workspaces' database.
func (e *Engine) closeWorkspaces() {
	if err := e.Workspaces.DB.Close(); err != nil {
		e.log.Warn("closing the workspace database", "err", err)
	}
}
