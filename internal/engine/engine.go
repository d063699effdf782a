// Package engine assembles the continuous export engine: the store, the ingest
// pipeline, the automation index and the delivery workers, kept consistent as
// automations change.
package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/destination/logicapp"
	"github.com/secexport/secexport/internal/ingest"
	"github.com/secexport/secexport/internal/secret"
	"github.com/secexport/secexport/internal/store"
	"github.com/secexport/secexport/internal/workspace"
)

// Config configures an engine.
type Config struct {
	DataDir string
	// SecretKey encrypts the automations' secrets at rest (secret.KeySize
	// bytes); nil means the key of secret.LoadKey: SECEXPORT_SECRET_KEY, or
	// DataDir/secret.key, created on first start.
	SecretKey []byte
	Delivery  deliver.Config
	// HTTPClient is used by HTTP destinations; nil means a pooled default.
	HTTPClient *http.Client
	// LogicAppLanes is how many events one Logic App action posts at once.
	LogicAppLanes int
}

// Opener builds the destination of an action.
type Opener func(a automation.Action) (deliver.Destination, int, error)

// Engine is a running continuous export engine.
type Engine struct {
	Store    *store.Store
	Pipeline *ingest.Pipeline
	Delivery *deliver.Manager
	// Workspaces are the embedded Log Analytics workspaces.
	Workspaces *workspace.Service

	log     *slog.Logger
	openers map[string]Opener
	secrets *secret.Box
	// live holds the running destinations by action id.
	live map[int64]*liveDestination
	// actions describes every action by id; replaced, never changed, by a
	// reload.
	actions map[int64]actionInfo

	mu sync.Mutex // serialises automation changes with index rebuilds
	// decoded caches automations by key and etag so a reload decodes only
	// what changed.
	decoded map[string]decodedAutomation
}

type decodedAutomation struct {
	etag string
	a    automation.Automation
}

// Open opens the store in cfg.DataDir, loads the automations and starts
// delivery. It fails when a stored secret does not decrypt with the key.
func Open(ctx context.Context, cfg Config, reg prometheus.Registerer, log *slog.Logger) (*Engine, error) {
	key := cfg.SecretKey
	if key == nil {
		k, source, err := secret.LoadKey(cfg.DataDir)
		if err != nil {
			return nil, err
		}
		key = k
		log.Info("secrets are encrypted at rest", "key_source", source)
	}
	box, err := secret.New(key)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	dm := deliver.NewMetrics(reg)
	deliver.RegisterBacklog(reg, st)
	e := &Engine{Store: st, log: log, openers: map[string]Opener{}, secrets: box, decoded: map[string]decodedAutomation{}}
	e.Delivery = deliver.NewManager(st, cfg.Delivery, dm, log)
	e.Pipeline = ingest.New(st, ingest.NewMetrics(reg), e.Delivery.Notify)

	client := cfg.HTTPClient
	if client == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		// Many actions may post to one host (a SIEM's collector): keep enough
		// idle connections that lanes reuse them instead of dialling anew.
		tr.MaxIdleConns = 4096
		tr.MaxIdleConnsPerHost = 1024
		client = &http.Client{Transport: tr, Timeout: 30 * time.Second}
	}
	lanes := cfg.LogicAppLanes
	if lanes <= 0 {
		lanes = 16
	}
	e.Register(automation.ActionLogicApp, func(a automation.Action) (deliver.Destination, int, error) {
		return logicapp.New(a.URI, client), lanes, nil
	})
	e.registerKafka(log)
	if err := e.openWorkspaces(cfg.DataDir); err != nil {
		e.Delivery.Close()
		st.Close()
		return nil, err
	}
	if err := e.Reload(ctx); err != nil {
		e.Delivery.Close()
		e.closeWorkspaces()
		st.Close()
		return nil, err
	}
	return e, nil
}

// Register sets how actions of a type are delivered. Register before Reload.
func (e *Engine) Register(actionType string, open Opener) { e.openers[actionType] = open }

// Supports reports whether actions of the type can be delivered.
func (e *Engine) Supports(actionType string) bool {
	_, ok := e.openers[actionType]
	return ok
}

// Close stops delivery, closes the destinations and closes the store.
func (e *Engine) Close() error {
	e.Delivery.Close()
	e.mu.Lock()
	for _, l := range e.live {
		l.Close()
	}
	e.mu.Unlock()
	e.closeWorkspaces()
	return e.Store.Close()
}

// PutAutomation stores an automation, its secrets encrypted, and starts
// routing to it. a must be valid; a is not changed.
func (e *Engine) PutAutomation(ctx context.Context, key, subscription, resourceGroup string, a *automation.Automation) (created bool, err error) {
	if err := e.CheckActions(ctx, a); err != nil {
		return false, err
	}
	body, err := e.sealedBody(a)
	if err != nil {
		return false, fmt.Errorf("encode automation: %w", err)
	}
	fps := make([]string, len(a.Properties.Actions))
	for i, act := range a.Properties.Actions {
		fps[i] = act.Fingerprint()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	err = e.Store.Write(ctx, func(tx *store.Tx) error {
		var err error
		created, _, err = tx.PutAutomation(store.Automation{Key: key, Subscription: subscription, ResourceGroup: resourceGroup,
			Body: body, Etag: a.Etag, Updated: time.Now()}, fps)
		return err
	})
	if err != nil {
		return false, err
	}
	return created, e.reloadLocked(ctx)
}

// CheckActions checks what automation validation cannot know alone: that this
// server delivers every action's type, and that every workspace named is
// registered here.
func (e *Engine) CheckActions(ctx context.Context, a *automation.Automation) error {
	for i, act := range a.Properties.Actions {
		if !e.Supports(act.ActionType) {
			return &automation.ValidationError{Path: fmt.Sprintf("properties.actions[%d].actionType", i),
				Message: fmt.Sprintf("%s actions are not supported by this server yet; supported: %s", act.ActionType, strings.Join(e.supported(), ", "))}
		}
	}
	return e.checkWorkspaces(ctx, a)
}

// DeleteAutomation deletes an automation with its queues.
func (e *Engine) DeleteAutomation(ctx context.Context, key string) (bool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var existed bool
	err := e.Store.Write(ctx, func(tx *store.Tx) error {
		var err error
		existed, err = tx.DeleteAutomation(key)
		return err
	})
	if err != nil {
		return false, err
	}
	return existed, e.reloadLocked(ctx)
}

// Reload rebuilds the automation index and the delivery workers from the
// store. A stored secret that does not decrypt fails it: routing around that
// automation would drop its events.
func (e *Engine) Reload(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.reloadLocked(ctx)
}

func (e *Engine) reloadLocked(ctx context.Context) error {
	stored, err := e.Store.AllAutomations(ctx)
	if err != nil {
		return err
	}
	entries := make([]automation.Entry, 0, len(stored))
	var targets []deliver.Target
	live := make(map[int64]*liveDestination, len(e.live))
	actions := make(map[int64]actionInfo, len(e.actions))
	seen := make(map[string]bool, len(stored))
	for _, s := range stored {
		seen[s.Key] = true
		d, ok := e.decoded[s.Key]
		if !ok || d.etag != s.Etag {
			a, err := e.decode(s)
			if errors.Is(err, secret.ErrWrongKey) || errors.Is(err, secret.ErrMalformed) {
				return err
			}
			if err != nil {
				e.log.Error("stored automation does not decode; skipped", "automation", s.Key, "err", err)
				continue
			}
			d = decodedAutomation{etag: s.Etag, a: a}
			e.decoded[s.Key] = d
		}
		a := d.a
		if len(s.ActionIDs) != len(a.Properties.Actions) {
			e.log.Error("stored automation's actions are inconsistent; skipped", "automation", s.Key)
			continue
		}
		entries = append(entries, automation.Entry{Key: s.Key, Automation: a, ActionIDs: s.ActionIDs})
		for i, act := range a.Properties.Actions {
			id := s.ActionIDs[i]
			info := actionInfo{action: withoutSecrets(act)}
			l, reused, err := e.openLive(id, act)
			if err != nil {
				e.log.Error("opening destination; its events stay queued", "automation", s.Key, "action", id, "destination", act.ActionType, "err", err)
				info.openErr, info.openErrAt = err.Error(), time.Now()
				actions[id] = info
				continue
			}
			actions[id] = info
			live[id] = l
			var d deliver.Destination = l
			if reused {
				d = running{l}
			}
			targets = append(targets, deliver.Target{ActionID: id, AutomationKey: s.Key, Kind: act.ActionType,
				Destination: d, Config: l.config, Lanes: l.lanes})
		}
	}
	for k := range e.decoded {
		if !seen[k] {
			delete(e.decoded, k)
		}
	}
	e.Pipeline.SetIndex(automation.NewIndex(entries))
	e.Delivery.Sync(targets)
	// Sync stopped the workers of actions gone or reopened, closing their
	// destinations; when delivery is paused, no worker ever held them.
	for id, l := range e.live {
		if live[id] != l {
			l.Close()
		}
	}
	e.live, e.actions = live, actions
	return nil
}

func (e *Engine) supported() []string {
	var out []string
	for _, t := range []string{automation.ActionLogicApp, automation.ActionEventHub, automation.ActionWorkspace, automation.ActionKafka} {
		if e.Supports(t) {
			out = append(out, t)
		}
	}
	return out
}
