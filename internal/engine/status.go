package engine

import (
	"context"
	"time"

	"github.com/secexport/secexport/internal/automation"
)

// ActionStatus is the delivery state of one action. It holds no secret.
type ActionStatus struct {
	Automation string // the automation's key
	Index      int    // the action's position in the automation
	ActionID   int64
	Kind       string // the action type
	// Target names the destination without its secrets: the event hub's
	// resource id, the Kafka topic and servers, the Logic App's resource id
	// (a Logic App's URI is a secret).
	Target string
	// Running is true while a worker delivers for the action; false when its
	// destination could not be opened (LastError says why) or delivery is paused.
	Running     bool
	Pending     int64     // events queued, not yet delivered
	Oldest      time.Time // when the oldest queued event was committed; zero when none
	DeadLetters int64
	// LastError is the last failed delivery attempt's error, already
	// redacted by the destination; LastErrorAt is when it happened.
	LastError   string
	LastErrorAt time.Time
}

// Status reports every action's delivery state, in action id order: its
// lag (the same numbers as secexport_outbox_pending and
// secexport_outbox_oldest_age_seconds) and its last error.
func (e *Engine) Status(ctx context.Context) ([]ActionStatus, error) {
	backlogs, err := e.Store.Backlogs(ctx)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	actions := e.actions
	e.mu.Unlock()
	out := make([]ActionStatus, 0, len(backlogs))
	for _, b := range backlogs {
		st := ActionStatus{Automation: b.AutomationKey, Index: b.Index, ActionID: b.ActionID,
			Pending: b.Pending, Oldest: b.Oldest, DeadLetters: b.DeadLetters}
		info, ok := actions[b.ActionID]
		if ok {
			st.Kind, st.Target = info.action.ActionType, target(info.action)
		}
		st.LastError, st.LastErrorAt, st.Running = e.Delivery.Status(b.ActionID)
		if !st.Running && info.openErr != "" {
			st.LastError, st.LastErrorAt = info.openErr, info.openErrAt
		}
		out = append(out, st)
	}
	return out, nil
}

// actionInfo is what the last reload learnt about an action.
type actionInfo struct {
	action    automation.Action
	openErr   string // why its destination could not be opened
	openErrAt time.Time
}

// target names an action's destination without its secrets.
func target(a automation.Action) string {
	switch a.ActionType {
	case automation.ActionLogicApp:
		return a.LogicAppResourceID
	case automation.ActionEventHub:
		return a.EventHubResourceID
	case automation.ActionWorkspace:
		return a.WorkspaceResourceID
	case automation.ActionKafka:
		return a.Topic + " at " + a.BootstrapServers
	}
	return ""
}
