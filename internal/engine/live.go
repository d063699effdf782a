package engine

import (
	"context"
	"sync"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/model"
)

// liveDestination is an action's open destination, kept across reloads while
// the action's settings stay the same: a reload then reuses it instead of
// opening (for Kafka, connecting) every action's destination again.
type liveDestination struct {
	deliver.Destination
	config string // automation.Action.ConfigHash of the action it was opened for
	lanes  int
	once   sync.Once
}

// Close closes the destination once; later calls do nothing.
func (l *liveDestination) Close() error {
	var err error
	l.once.Do(func() {
		if c, ok := l.Destination.(deliver.Closer); ok {
			err = c.Close()
		}
	})
	return err
}

// running hides a live destination's Close from deliver.Manager.Sync, which
// closes the destination it is handed for an action whose worker runs with
// the same settings: that worker holds this very destination.
type running struct{ d *liveDestination }

func (r running) Send(ctx context.Context, events []model.Event) error { return r.d.Send(ctx, events) }

// openLive returns the destination of action id: the open one when the
// action's settings are unchanged, else a newly opened one. reused says which.
func (e *Engine) openLive(id int64, act automation.Action) (l *liveDestination, reused bool, err error) {
	config := act.ConfigHash()
	if old := e.live[id]; old != nil && old.config == config {
		return old, true, nil
	}
	open, ok := e.openers[act.ActionType]
	if !ok {
		return nil, false, errNoOpener(act.ActionType)
	}
	d, lanes, err := open(act)
	if err != nil {
		return nil, false, err
	}
	return &liveDestination{Destination: d, config: config, lanes: lanes}, false, nil
}

type errNoOpener string

func (e errNoOpener) Error() string { return "no destination for " + string(e) + " actions" }
