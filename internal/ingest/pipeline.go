// Package ingest applies changes of posture records: it detects what counts as
// an exportable change, routes each change through the automations, and commits
// the new state together with its outbox entries, so that an acknowledged change
// is never lost.
package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/export"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture"
	"github.com/secexport/secexport/internal/store"
)

// ErrNotFound is the result of deleting a record that does not exist.
var ErrNotFound = errors.New("record not found")

// Change is a new version of a record, or the deletion of one.
type Change struct {
	Record model.Record // the new version (Key alone for a deletion)
	Delete bool
}

// Result is the outcome of one change.
type Result struct {
	Record  model.Record // the record as stored (as it was, for a deletion)
	Created bool         // the record did not exist before
	Changed bool         // the change was exportable
	Events  int          // actions the change was queued for
	Err     error
}

// Pipeline applies changes. Its automation index is swapped atomically when
// automations change.
type Pipeline struct {
	st       *store.Store
	tenantID string
	index    atomic.Pointer[automation.Index]
	notify   func(actionIDs []int64)
	now      func() time.Time
	metrics  *Metrics
}

// New returns a pipeline writing to st; notify is called with the actions that
// got events after each commit.
func New(st *store.Store, m *Metrics, notify func([]int64)) *Pipeline {
	p := &Pipeline{st: st, tenantID: st.TenantID(), notify: notify, now: time.Now, metrics: m}
	p.index.Store(automation.NewIndex(nil))
	return p
}

// SetIndex replaces the automation index used to route changes.
func (p *Pipeline) SetIndex(ix *automation.Index) { p.index.Store(ix) }

// prepared is a change worked out against the version of the record read
// before the write; the write redoes it if that version moved.
type prepared struct {
	change  Change
	version int64 // the version the work is based on (0: absent)
	old     *model.Record
	res     Result
	store   model.Record // what to write (unless deleting)
	event   *model.Event
	actions []int64
}

// Apply applies changes in one durable write. Per-change problems are reported
// in the results; err is set when nothing was applied.
func (p *Pipeline) Apply(ctx context.Context, changes []Change) ([]Result, error) {
	ix := p.index.Load()
	keys := make([]string, len(changes))
	for i, c := range changes {
		keys[i] = key(c)
	}
	current, err := p.st.RecordsByKey(ctx, keys)
	if err != nil {
		return nil, err
	}
	preps := make([]*prepared, len(changes))
	for i, c := range changes {
		var old *model.Record
		var version int64
		if vr, ok := current[keys[i]]; ok {
			old, version = &vr.Record, vr.Version
		}
		preps[i] = p.prepare(ix, c, old, version)
	}
	var notify []int64
	err = p.st.Write(ctx, func(tx *store.Tx) error {
		notify = notify[:0]
		written, err := p.insertNew(tx, preps)
		if err != nil {
			return err
		}
		for i, pr := range preps {
			if written[i] {
				continue
			}
			if err := p.commit(tx, ix, pr); err != nil {
				return err
			}
		}
		// Events go to the log in the order of the changes, so the events of
		// one record keep their order.
		var queued []store.QueuedEvent
		for _, pr := range preps {
			if pr.event != nil && len(pr.actions) > 0 && pr.res.Err == nil {
				queued = append(queued, store.QueuedEvent{Event: *pr.event, Actions: pr.actions})
				notify = append(notify, pr.actions...)
			}
		}
		return tx.AppendEvents(queued)
	})
	if err != nil {
		return nil, fmt.Errorf("commit changes: %w", err)
	}
	results := make([]Result, len(preps))
	for i, pr := range preps {
		results[i] = pr.res
		p.metrics.observe(pr)
	}
	if len(notify) > 0 && p.notify != nil {
		p.notify(notify)
	}
	return results, nil
}

// insertNew writes, in multi-row statements, the records of changes that
// create a record named once in the batch; it reports which it wrote. The rest
// (updates, deletions, records that exist by now) go through commit.
func (p *Pipeline) insertNew(tx *store.Tx, preps []*prepared) ([]bool, error) {
	written := make([]bool, len(preps))
	count := make(map[string]int, len(preps))
	for _, pr := range preps {
		count[key(pr.change)]++
	}
	var idx []int
	var recs []model.Record
	for i, pr := range preps {
		if pr.change.Delete || pr.old != nil || pr.res.Err != nil || count[key(pr.change)] != 1 {
			continue
		}
		idx = append(idx, i)
		recs = append(recs, pr.store)
	}
	if len(recs) == 0 {
		return written, nil
	}
	ok, err := tx.InsertNewRecords(recs)
	if err != nil {
		return nil, err
	}
	for j, i := range idx {
		written[i] = ok[j]
	}
	return written, nil
}

// commit writes a prepared change if the record is still at the version it was
// prepared against; otherwise it prepares the change again from the record as
// the transaction sees it (a concurrent or earlier change of the same record).
func (p *Pipeline) commit(tx *store.Tx, ix *automation.Index, pr *prepared) error {
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			rec, v, err := tx.Record(key(pr.change))
			var old *model.Record
			switch {
			case err == nil:
				old = &rec
			case errors.Is(err, store.ErrNotFound):
			default:
				return err
			}
			*pr = *p.prepare(ix, pr.change, old, v)
		}
		if pr.res.Err != nil {
			if attempt > 0 || !errors.Is(pr.res.Err, ErrNotFound) {
				return nil
			}
			// A deletion of a record that was absent: it may exist by now.
			v, err := tx.RecordVersion(key(pr.change))
			if err != nil || v == 0 {
				return err
			}
			continue
		}
		var ok bool
		var err error
		switch {
		case pr.change.Delete:
			ok, err = tx.DeleteRecordIf(key(pr.change), pr.version)
		case pr.old != nil && bytes.Equal(pr.old.Body, pr.store.Body) && pr.old.State == pr.store.State:
			// Identical re-send: nothing to write. Check the version is current.
			var v int64
			v, err = tx.RecordVersion(key(pr.change))
			ok = v == pr.version
		default:
			ok, err = tx.PutRecordIf(pr.store, pr.version)
		}
		if err != nil {
			return err
		}
		if !ok {
			if attempt > 3 {
				return fmt.Errorf("record %s keeps changing under the write", key(pr.change))
			}
			continue
		}
		return nil // the caller appends the event
	}
}

func key(c Change) string { return c.Record.Key }

// prepare works out a change against old (nil when absent), read at version.
func (p *Pipeline) prepare(ix *automation.Index, c Change, old *model.Record, version int64) *prepared {
	pr := &prepared{change: c, version: version, old: old}
	now := p.now().UTC()
	var rec model.Record
	action := model.ActionInsert
	if c.Delete {
		if old == nil {
			pr.res.Err = ErrNotFound
			return pr
		}
		rec, action = *old, model.ActionDelete
		pr.res = Result{Record: rec, Changed: true}
	} else {
		merged, changed := posture.Merge(old, c.Record, now)
		rec = merged
		pr.store = merged
		pr.res = Result{Record: merged, Created: old == nil, Changed: changed}
		if !changed {
			return pr
		}
	}
	// The exported payload is built only when an automation needs it: to
	// evaluate its rules, or because it matched.
	var payload []byte
	var payloadErr error
	built := false
	build := func() {
		if !built {
			built = true
			payload, payloadErr = export.Payload(rec, action, false, p.tenantID)
		}
	}
	cand := automation.Candidate{
		Source:        model.StreamingSource(rec.Kind),
		Subscription:  rec.Subscription,
		ResourceGroup: rec.ResourceGroup,
		// Rules follow their paths through the raw payload: no full decode.
		Payload: func() any {
			if build(); payloadErr != nil {
				return nil
			}
			return json.RawMessage(payload)
		},
	}
	pr.actions = ix.Match(cand, nil)
	if len(pr.actions) == 0 {
		return pr
	}
	if build(); payloadErr != nil {
		pr.actions = nil
		pr.res.Err = fmt.Errorf("build exported event: %w", payloadErr)
		return pr
	}
	pr.res.Events = len(pr.actions)
	pr.event = &model.Event{ID: store.NewID(), Source: cand.Source, RecordKey: rec.Key, Time: now, Payload: payload}
	return pr
}
