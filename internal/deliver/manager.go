// Package deliver drains the outbox into destinations. Every action has one
// worker that reads its events from its cursor in batches, sends them with
// retry, exponential backoff and jitter, moves events refused for good to dead
// letters, and advances its cursor in one small write per batch. A destination
// that is down holds only its own cursor.
package deliver

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/secexport/secexport/internal/store"
)

// Config tunes delivery; zero fields take the defaults of DefaultConfig.
type Config struct {
	BatchSize      int           // events read per batch
	InitialBackoff time.Duration // first retry delay
	MaxBackoff     time.Duration // retry delay cap
	SendTimeout    time.Duration // bound on one Send call
	PollInterval   time.Duration // how often an idle worker looks for work it was not told about
	// MaxAge caps how long an event waits for a destination before it is
	// moved to dead letters; 0 means the default, negative means never.
	MaxAge time.Duration
	// MaintenanceInterval is how often the log is trimmed and expired.
	MaintenanceInterval time.Duration
	// Paused starts no workers: every queue stays on disk (to measure ingest alone).
	Paused bool
}

// DefaultConfig is the delivery configuration used when none is given.
func DefaultConfig() Config {
	return Config{BatchSize: 256, InitialBackoff: 500 * time.Millisecond, MaxBackoff: time.Minute, SendTimeout: 30 * time.Second,
		PollInterval: 2 * time.Second, MaxAge: 7 * 24 * time.Hour, MaintenanceInterval: 30 * time.Second}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.BatchSize <= 0 {
		c.BatchSize = d.BatchSize
	}
	if c.InitialBackoff <= 0 {
		c.InitialBackoff = d.InitialBackoff
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = d.MaxBackoff
	}
	if c.SendTimeout <= 0 {
		c.SendTimeout = d.SendTimeout
	}
	if c.PollInterval <= 0 {
		c.PollInterval = d.PollInterval
	}
	if c.MaxAge == 0 {
		c.MaxAge = d.MaxAge
	}
	if c.MaintenanceInterval <= 0 {
		c.MaintenanceInterval = d.MaintenanceInterval
	}
	return c
}

// Target is an action to deliver for.
type Target struct {
	ActionID      int64
	AutomationKey string
	Kind          string // the action type, e.g. LogicApp
	Destination   Destination
	// Config identifies the destination's settings, secrets included: a
	// running worker whose Config changed is restarted with the new
	// destination, keeping the action's cursor and queue.
	Config string
	// Lanes is how many events may be in flight at once; events of one record
	// always go through the same lane, in order. 0 or 1: the whole batch goes
	// to one Send call.
	Lanes int
}

// Manager runs one worker per target.
type Manager struct {
	st      *store.Store
	cfg     Config
	metrics *Metrics
	log     *slog.Logger

	mu      sync.Mutex
	workers map[int64]*worker

	stopMaintenance context.CancelFunc
	maintenanceDone chan struct{}
}

// NewManager returns a manager with no workers.
func NewManager(st *store.Store, cfg Config, m *Metrics, log *slog.Logger) *Manager {
	ctx, cancel := context.WithCancel(context.Background())
	mg := &Manager{st: st, cfg: cfg.withDefaults(), metrics: m, log: log, workers: map[int64]*worker{},
		stopMaintenance: cancel, maintenanceDone: make(chan struct{})}
	go func() {
		defer close(mg.maintenanceDone)
		mg.maintain(ctx)
	}()
	return mg
}

// Sync makes the running workers those of targets: it starts the new ones and
// stops those whose action is gone.
func (m *Manager) Sync(targets []Target) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cfg.Paused {
		targets = nil
	}
	want := map[int64]Target{}
	for _, t := range targets {
		want[t.ActionID] = t
	}
	for id, w := range m.workers {
		if _, ok := want[id]; !ok {
			w.stop()
			delete(m.workers, id)
		}
	}
	for id, t := range want {
		if w, ok := m.workers[id]; ok {
			if w.t.Config == t.Config {
				if c, ok := t.Destination.(Closer); ok {
					c.Close() // the running worker keeps its own
				}
				continue
			}
			w.stop() // settings changed (a rotated secret): reopen
		}
		w := m.newWorker(t)
		m.workers[id] = w
		go w.run()
	}
}

// Notify wakes the workers of actions that have new events.
func (m *Manager) Notify(actionIDs []int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range actionIDs {
		if w, ok := m.workers[id]; ok {
			select {
			case w.wake <- struct{}{}:
			default:
			}
		}
	}
}

// Status reports a worker's last error, if any.
func (m *Manager) Status(actionID int64) (lastErr string, at time.Time, ok bool) {
	m.mu.Lock()
	w, found := m.workers[actionID]
	m.mu.Unlock()
	if !found {
		return "", time.Time{}, false
	}
	w.statusMu.Lock()
	defer w.statusMu.Unlock()
	return w.lastErr, w.lastErrAt, true
}

// Close stops every worker and the maintenance, and waits for them.
func (m *Manager) Close() {
	m.stopMaintenance()
	<-m.maintenanceDone
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, w := range m.workers {
		w.stop()
		delete(m.workers, id)
	}
}

func (m *Manager) newWorker(t Target) *worker {
	ctx, cancel := context.WithCancel(context.Background())
	labels := []string{t.Kind, strconv.FormatInt(t.ActionID, 10)}
	return &worker{
		t: t, st: m.st, cfg: m.cfg,
		ctx: ctx, cancel: cancel, done: make(chan struct{}), wake: make(chan struct{}, 1),
		log:      m.log.With("automation", t.AutomationKey, "action", t.ActionID, "destination", t.Kind),
		exported: m.metrics.exported.WithLabelValues(labels...),
		retries:  m.metrics.retries.WithLabelValues(labels...),
		dead:     m.metrics.dead.WithLabelValues(labels...),
		// The up gauge appears with the first attempt: an idle destination is
		// not reported as down.
		up:       lazyGauge{vec: m.metrics.up, labels: labels},
		lastErrM: m.metrics.lastErr.WithLabelValues(labels...),
		latency:  m.metrics.latency.WithLabelValues(t.Kind),
	}
}
