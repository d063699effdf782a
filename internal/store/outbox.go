package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/secexport/secexport/internal/model"
)

// AppendEvent appends ev to the outbox log for the given actions and returns its
// sequence number. An event that matched no action is not stored.
func (t *Tx) AppendEvent(ev model.Event, actionIDs []int64) (int64, error) {
	if len(actionIDs) == 0 {
		return 0, nil
	}
	res, err := t.exec(`INSERT INTO events (event_id, source, record_key, created_at, payload) VALUES (?, ?, ?, ?, ?)`,
		ev.ID, string(ev.Source), ev.RecordKey, ev.Time.UnixNano(), pack(ev.Payload))
	if err != nil {
		return 0, fmt.Errorf("append event: %w", err)
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("append event: %w", err)
	}
	for _, id := range actionIDs {
		if _, err := t.exec(`INSERT INTO deliveries (action_id, seq) VALUES (?, ?)`, id, seq); err != nil {
			return 0, fmt.Errorf("append delivery: %w", err)
		}
	}
	return seq, nil
}

const pendingQuery = `SELECT e.seq, e.event_id, e.source, e.record_key, e.created_at, e.payload
	FROM deliveries d JOIN events e ON e.seq = d.seq
	WHERE d.action_id = ? AND d.seq > ? ORDER BY d.seq LIMIT ?`

// Pending reads up to limit events queued for an action after its cursor, in order.
func (s *Store) Pending(ctx context.Context, actionID, after int64, limit int) ([]model.Event, error) {
	rows, err := s.pendingStmt.QueryContext(ctx, actionID, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read pending events: %w", err)
	}
	defer rows.Close()
	var out []model.Event
	for rows.Next() {
		var ev model.Event
		var src string
		var ts int64
		var payload []byte
		if err := rows.Scan(&ev.Seq, &ev.ID, &src, &ev.RecordKey, &ts, &payload); err != nil {
			return nil, fmt.Errorf("read pending events: %w", err)
		}
		ev.Source = model.EventSource(src)
		ev.Time = time.Unix(0, ts).UTC()
		if ev.Payload, err = unpack(payload); err != nil {
			return nil, fmt.Errorf("event %d: %w", ev.Seq, err)
		}
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read pending events: %w", err)
	}
	return out, nil
}

// Cursor returns the sequence an action has delivered up to.
func (s *Store) Cursor(ctx context.Context, actionID int64) (int64, error) {
	var c int64
	if err := s.r.QueryRowContext(ctx, `SELECT cursor FROM actions WHERE id = ?`, actionID).Scan(&c); err != nil {
		return 0, fmt.Errorf("read cursor of action %d: %w", actionID, err)
	}
	return c, nil
}

// Advance moves an action's cursor to seq and drops its delivery rows up to it.
func (t *Tx) Advance(actionID, seq int64) error {
	if _, err := t.exec(`UPDATE actions SET cursor = ? WHERE id = ? AND cursor < ?`, seq, actionID, seq); err != nil {
		return fmt.Errorf("advance cursor: %w", err)
	}
	if _, err := t.exec(`DELETE FROM deliveries WHERE action_id = ? AND seq <= ?`, actionID, seq); err != nil {
		return fmt.Errorf("trim deliveries: %w", err)
	}
	return nil
}

// DeadLetter is an event a destination refused for good.
type DeadLetter struct {
	ID            int64
	ActionID      int64
	AutomationKey string
	Event         model.Event
	Reason        string
	Attempts      int
	Time          time.Time
}

// AddDeadLetter records an event an action could not deliver.
func (t *Tx) AddDeadLetter(d DeadLetter) error {
	_, err := t.exec(`INSERT INTO dead_letters (action_id, automation_key, event_id, source, record_key, event_time, payload, reason, attempts, created_at)
		SELECT ?, automation_key, ?, ?, ?, ?, ?, ?, ?, ? FROM actions WHERE id = ?`,
		d.ActionID, d.Event.ID, string(d.Event.Source), d.Event.RecordKey, d.Event.Time.UnixNano(), pack(d.Event.Payload),
		d.Reason, d.Attempts, d.Time.UnixNano(), d.ActionID)
	if err != nil {
		return fmt.Errorf("add dead letter: %w", err)
	}
	return nil
}

// DeadLetters lists an automation's dead letters with id > after, oldest first.
func (s *Store) DeadLetters(ctx context.Context, automationKey string, after int64, limit int) ([]DeadLetter, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, action_id, automation_key, event_id, source, record_key, event_time, payload, reason, attempts, created_at
		FROM dead_letters WHERE automation_key = ? AND id > ? ORDER BY id LIMIT ?`, automationKey, after, limit)
	if err != nil {
		return nil, fmt.Errorf("list dead letters: %w", err)
	}
	defer rows.Close()
	var out []DeadLetter
	for rows.Next() {
		var d DeadLetter
		var src string
		var et, ct int64
		var payload []byte
		if err := rows.Scan(&d.ID, &d.ActionID, &d.AutomationKey, &d.Event.ID, &src, &d.Event.RecordKey, &et, &payload, &d.Reason, &d.Attempts, &ct); err != nil {
			return nil, fmt.Errorf("list dead letters: %w", err)
		}
		d.Event.Source = model.EventSource(src)
		d.Event.Time = time.Unix(0, et).UTC()
		if d.Event.Payload, err = unpack(payload); err != nil {
			return nil, fmt.Errorf("dead letter %d: %w", d.ID, err)
		}
		d.Time = time.Unix(0, ct).UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// ReplayDeadLetters queues an automation's dead letters (all of them, or those
// with the given ids) again, as new log entries with their original event ids,
// and removes them from the dead letters. It returns the actions that got work.
func (t *Tx) ReplayDeadLetters(automationKey string, ids []int64) ([]int64, int, error) {
	q := `SELECT id, action_id, event_id, source, record_key, payload FROM dead_letters WHERE automation_key = ?`
	args := []any{automationKey}
	if len(ids) > 0 {
		q += ` AND id IN (?` + strings.Repeat(",?", len(ids)-1) + `)`
		for _, id := range ids {
			args = append(args, id)
		}
	}
	q += ` ORDER BY id`
	rows, err := t.tx.QueryContext(t.ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("read dead letters: %w", err)
	}
	type dl struct {
		id, action int64
		ev         model.Event
	}
	var dls []dl
	for rows.Next() {
		var d dl
		var src string
		var payload []byte
		if err := rows.Scan(&d.id, &d.action, &d.ev.ID, &src, &d.ev.RecordKey, &payload); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("read dead letters: %w", err)
		}
		d.ev.Source = model.EventSource(src)
		if d.ev.Payload, err = unpack(payload); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("dead letter %d: %w", d.id, err)
		}
		dls = append(dls, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("read dead letters: %w", err)
	}
	now := time.Now()
	seen := map[int64]bool{}
	var actions []int64
	for _, d := range dls {
		d.ev.Time = now
		if _, err := t.AppendEvent(d.ev, []int64{d.action}); err != nil {
			return nil, 0, err
		}
		if _, err := t.exec(`DELETE FROM dead_letters WHERE id = ?`, d.id); err != nil {
			return nil, 0, fmt.Errorf("remove replayed dead letter: %w", err)
		}
		if !seen[d.action] {
			seen[d.action] = true
			actions = append(actions, d.action)
		}
	}
	return actions, len(dls), nil
}

// Backlog is an action's queue depth and the age of its oldest queued event.
type Backlog struct {
	ActionID      int64
	AutomationKey string
	Index         int
	Pending       int64
	Oldest        time.Time // zero when nothing is pending
	DeadLetters   int64
}

// Backlogs reports every action's backlog.
func (s *Store) Backlogs(ctx context.Context) ([]Backlog, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.automation_key, a.idx,
		(SELECT count(*) FROM deliveries d WHERE d.action_id = a.id AND d.seq > a.cursor),
		(SELECT min(e.created_at) FROM deliveries d JOIN events e ON e.seq = d.seq WHERE d.action_id = a.id AND d.seq > a.cursor),
		(SELECT count(*) FROM dead_letters x WHERE x.action_id = a.id)
		FROM actions a ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("read backlogs: %w", err)
	}
	defer rows.Close()
	var out []Backlog
	for rows.Next() {
		var b Backlog
		var oldest *int64
		if err := rows.Scan(&b.ActionID, &b.AutomationKey, &b.Index, &b.Pending, &oldest, &b.DeadLetters); err != nil {
			return nil, fmt.Errorf("read backlogs: %w", err)
		}
		if oldest != nil {
			b.Oldest = time.Unix(0, *oldest)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// TrimEvents deletes log entries that no action still has to deliver.
func (t *Tx) TrimEvents() (int64, error) {
	var low *int64
	if err := t.queryRow(`SELECT min(seq) FROM deliveries`).Scan(&low); err != nil {
		return 0, fmt.Errorf("find trim point: %w", err)
	}
	var res interface{ RowsAffected() (int64, error) }
	var err error
	if low == nil {
		res, err = t.exec(`DELETE FROM events`)
	} else {
		res, err = t.exec(`DELETE FROM events WHERE seq < ?`, *low)
	}
	if err != nil {
		return 0, fmt.Errorf("trim events: %w", err)
	}
	return res.RowsAffected()
}

// ExpirePending moves events queued before cutoff and still undelivered to
// dead letters with the given reason: the cap that keeps a destination that is
// gone for good from holding the log forever. It returns how many it moved.
func (t *Tx) ExpirePending(cutoff time.Time, reason string) (int64, error) {
	var last *int64
	if err := t.queryRow(`SELECT max(seq) FROM events WHERE created_at < ?`, cutoff.UnixNano()).Scan(&last); err != nil {
		return 0, fmt.Errorf("find expired events: %w", err)
	}
	if last == nil {
		return 0, nil
	}
	res, err := t.exec(`INSERT INTO dead_letters (action_id, automation_key, event_id, source, record_key, event_time, payload, reason, attempts, created_at)
		SELECT d.action_id, a.automation_key, e.event_id, e.source, e.record_key, e.created_at, e.payload, ?, 0, ?
		FROM deliveries d JOIN actions a ON a.id = d.action_id JOIN events e ON e.seq = d.seq
		WHERE d.seq <= ? AND d.seq > a.cursor`, reason, time.Now().UnixNano(), *last)
	if err != nil {
		return 0, fmt.Errorf("dead-letter expired events: %w", err)
	}
	n, _ := res.RowsAffected()
	if _, err := t.exec(`DELETE FROM deliveries WHERE seq <= ?`, *last); err != nil {
		return 0, fmt.Errorf("drop expired deliveries: %w", err)
	}
	return n, nil
}

// QueuedEvent is an event with the actions it is queued for.
type QueuedEvent struct {
	Event   model.Event
	Actions []int64
}

// rowsPerStatement bounds the rows of one multi-row INSERT (SQLite allows
// 32,766 bound values a statement).
const rowsPerStatement = 200

// AppendEvents appends events to the log in order, each for its actions, with
// multi-row statements: one statement per 200 events instead of one per row.
func (t *Tx) AppendEvents(evs []QueuedEvent) error {
	for lo := 0; lo < len(evs); lo += rowsPerStatement {
		chunk := evs[lo:min(lo+rowsPerStatement, len(evs))]
		q := `INSERT INTO events (event_id, source, record_key, created_at, payload) VALUES (?, ?, ?, ?, ?)` +
			strings.Repeat(", (?, ?, ?, ?, ?)", len(chunk)-1)
		args := make([]any, 0, 5*len(chunk))
		for _, qe := range chunk {
			ev := qe.Event
			args = append(args, ev.ID, string(ev.Source), ev.RecordKey, ev.Time.UnixNano(), pack(ev.Payload))
		}
		res, err := t.exec(q, args...)
		if err != nil {
			return fmt.Errorf("append events: %w", err)
		}
		last, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("append events: %w", err)
		}
		// The transaction is the only writer and the sequence never reuses a
		// number, so one statement's rows got consecutive sequence numbers.
		first := last - int64(len(chunk)) + 1
		var pairs []any
		for i, qe := range chunk {
			for _, a := range qe.Actions {
				pairs = append(pairs, a, first+int64(i))
			}
		}
		for plo := 0; plo < len(pairs); plo += 2 * rowsPerStatement {
			part := pairs[plo:min(plo+2*rowsPerStatement, len(pairs))]
			q := `INSERT INTO deliveries (action_id, seq) VALUES (?, ?)` + strings.Repeat(", (?, ?)", len(part)/2-1)
			if _, err := t.exec(q, part...); err != nil {
				return fmt.Errorf("append deliveries: %w", err)
			}
		}
	}
	return nil
}
