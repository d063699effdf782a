package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Automation is a stored automation resource.
type Automation struct {
	Key           string // lower-cased resource id
	Subscription  string // lower-case
	ResourceGroup string // lower-case
	Body          []byte // the resource JSON, secrets included
	Etag          string
	Updated       time.Time
	// ActionIDs are the ids of the automation's actions, by position.
	ActionIDs []int64
}

// PutAutomation creates or replaces an automation. fingerprints identify its
// actions by position; an action whose fingerprint matches one of the previous
// version keeps its id, cursor and queue, others start empty, and actions that
// are gone are dropped with their queues. It reports whether it created the
// automation and returns the action ids, by position.
func (t *Tx) PutAutomation(a Automation, fingerprints []string) (bool, []int64, error) {
	var exists int
	err := t.queryRow(`SELECT 1 FROM automations WHERE key = ?`, a.Key).Scan(&exists)
	created := errors.Is(err, sql.ErrNoRows)
	if err != nil && !created {
		return false, nil, fmt.Errorf("read automation: %w", err)
	}
	if _, err := t.exec(`INSERT INTO automations (key, subscription, resource_group, body, etag, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET body = excluded.body, etag = excluded.etag, updated_at = excluded.updated_at`,
		a.Key, a.Subscription, a.ResourceGroup, a.Body, a.Etag, a.Updated.UnixNano()); err != nil {
		return false, nil, fmt.Errorf("write automation: %w", err)
	}
	old, err := t.actions(a.Key)
	if err != nil {
		return false, nil, err
	}
	ids := make([]int64, len(fingerprints))
	kept := map[int64]bool{}
	for i, fp := range fingerprints {
		for j, o := range old {
			if o.fingerprint == fp && !kept[o.id] {
				kept[o.id] = true
				ids[i] = o.id
				if _, err := t.exec(`UPDATE actions SET idx = ? WHERE id = ?`, i, o.id); err != nil {
					return false, nil, fmt.Errorf("update action: %w", err)
				}
				old[j].fingerprint = ""
				break
			}
		}
		if ids[i] != 0 {
			continue
		}
		res, err := t.exec(`INSERT INTO actions (automation_key, idx, fingerprint, cursor) VALUES (?, ?, ?, 0)`, a.Key, i, fp)
		if err != nil {
			return false, nil, fmt.Errorf("add action: %w", err)
		}
		if ids[i], err = res.LastInsertId(); err != nil {
			return false, nil, fmt.Errorf("add action: %w", err)
		}
	}
	for _, o := range old {
		if !kept[o.id] {
			if err := t.dropAction(o.id); err != nil {
				return false, nil, err
			}
		}
	}
	return created, ids, nil
}

type actionRow struct {
	id          int64
	fingerprint string
}

func (t *Tx) actions(key string) ([]actionRow, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, fingerprint FROM actions WHERE automation_key = ? ORDER BY idx`, key)
	if err != nil {
		return nil, fmt.Errorf("read actions: %w", err)
	}
	defer rows.Close()
	var out []actionRow
	for rows.Next() {
		var r actionRow
		if err := rows.Scan(&r.id, &r.fingerprint); err != nil {
			return nil, fmt.Errorf("read actions: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (t *Tx) dropAction(id int64) error {
	for _, q := range []string{
		`DELETE FROM deliveries WHERE action_id = ?`,
		`DELETE FROM dead_letters WHERE action_id = ?`,
		`DELETE FROM actions WHERE id = ?`,
	} {
		if _, err := t.exec(q, id); err != nil {
			return fmt.Errorf("drop action: %w", err)
		}
	}
	return nil
}

// DeleteAutomation deletes an automation with its actions, queues and dead
// letters. It reports whether the automation existed.
func (t *Tx) DeleteAutomation(key string) (bool, error) {
	old, err := t.actions(key)
	if err != nil {
		return false, err
	}
	for _, o := range old {
		if err := t.dropAction(o.id); err != nil {
			return false, err
		}
	}
	res, err := t.exec(`DELETE FROM automations WHERE key = ?`, key)
	if err != nil {
		return false, fmt.Errorf("delete automation: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Automation reads one automation.
func (s *Store) Automation(ctx context.Context, key string) (Automation, error) {
	as, err := s.automations(ctx, `WHERE key = ?`, key)
	if err != nil {
		return Automation{}, err
	}
	if len(as) == 0 {
		return Automation{}, ErrNotFound
	}
	return as[0], nil
}

// Automations lists automations of a subscription (and resource group, when
// not empty) in key order after after, at most limit+1 of them.
func (s *Store) Automations(ctx context.Context, subscription, resourceGroup, after string, limit int) ([]Automation, error) {
	if resourceGroup == "" {
		return s.automations(ctx, `WHERE subscription = ? AND key > ? ORDER BY key LIMIT ?`, subscription, after, limit+1)
	}
	return s.automations(ctx, `WHERE subscription = ? AND resource_group = ? AND key > ? ORDER BY key LIMIT ?`, subscription, resourceGroup, after, limit+1)
}

// AllAutomations lists every automation.
func (s *Store) AllAutomations(ctx context.Context) ([]Automation, error) {
	return s.automations(ctx, `ORDER BY key`)
}

func (s *Store) automations(ctx context.Context, where string, args ...any) ([]Automation, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT key, subscription, resource_group, body, etag, updated_at FROM automations `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read automations: %w", err)
	}
	var out []Automation
	for rows.Next() {
		var a Automation
		var ts int64
		if err := rows.Scan(&a.Key, &a.Subscription, &a.ResourceGroup, &a.Body, &a.Etag, &ts); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read automations: %w", err)
		}
		a.Updated = time.Unix(0, ts).UTC()
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read automations: %w", err)
	}
	if len(out) == 1 {
		ids, err := s.actionIDs(ctx, out[0].Key)
		if err != nil {
			return nil, err
		}
		out[0].ActionIDs = ids
		return out, nil
	}
	// One pass over all actions beats a query per automation.
	byKey := make(map[string]*Automation, len(out))
	for i := range out {
		byKey[out[i].Key] = &out[i]
	}
	arows, err := s.r.QueryContext(ctx, `SELECT automation_key, id FROM actions ORDER BY automation_key, idx`)
	if err != nil {
		return nil, fmt.Errorf("read actions: %w", err)
	}
	defer arows.Close()
	for arows.Next() {
		var key string
		var id int64
		if err := arows.Scan(&key, &id); err != nil {
			return nil, fmt.Errorf("read actions: %w", err)
		}
		if a, ok := byKey[key]; ok {
			a.ActionIDs = append(a.ActionIDs, id)
		}
	}
	if err := arows.Err(); err != nil {
		return nil, fmt.Errorf("read actions: %w", err)
	}
	return out, nil
}

func (s *Store) actionIDs(ctx context.Context, key string) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM actions WHERE automation_key = ? ORDER BY idx`, key)
	if err != nil {
		return nil, fmt.Errorf("read actions: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read actions: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// PutMetadata creates or replaces assessment metadata; it reports whether it created it.
func (t *Tx) PutMetadata(key string, body []byte) (bool, error) {
	res, err := t.exec(`UPDATE metadata SET body = ? WHERE key = ?`, body, key)
	if err != nil {
		return false, fmt.Errorf("write metadata: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return false, nil
	}
	if _, err := t.exec(`INSERT INTO metadata (key, body) VALUES (?, ?)`, key, body); err != nil {
		return false, fmt.Errorf("write metadata: %w", err)
	}
	return true, nil
}

// DeleteMetadata deletes assessment metadata; it reports whether it existed.
func (t *Tx) DeleteMetadata(key string) (bool, error) {
	res, err := t.exec(`DELETE FROM metadata WHERE key = ?`, key)
	if err != nil {
		return false, fmt.Errorf("delete metadata: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Metadata reads assessment metadata by key.
func (s *Store) Metadata(ctx context.Context, key string) ([]byte, error) {
	var body []byte
	err := s.r.QueryRowContext(ctx, `SELECT body FROM metadata WHERE key = ?`, key).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read metadata: %w", err)
	}
	return body, nil
}

// MetadataList lists assessment metadata whose key starts with prefix.
func (s *Store) MetadataList(ctx context.Context, prefix string) ([][]byte, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT body FROM metadata WHERE key >= ? AND key < ? ORDER BY key`, prefix, prefix+"\xff")
	if err != nil {
		return nil, fmt.Errorf("list metadata: %w", err)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("list metadata: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
