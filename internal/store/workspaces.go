package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// workspacesSchema holds the Log Analytics workspaces registered in
// secexport. It is created on the first write; reads of a store that has
// none yet see no workspaces.
const workspacesSchema = `CREATE TABLE IF NOT EXISTS workspaces (
	key            TEXT PRIMARY KEY,
	subscription   TEXT NOT NULL,
	resource_group TEXT NOT NULL,
	customer_id    TEXT NOT NULL UNIQUE,
	retention_days INTEGER NOT NULL,
	body           BLOB NOT NULL,
	updated_at     INTEGER NOT NULL
)`

// Workspace is a stored Log Analytics workspace resource
// (Microsoft.OperationalInsights/workspaces).
type Workspace struct {
	Key           string // the lower-cased resource id
	Subscription  string // lower-case
	ResourceGroup string // lower-case
	// CustomerID is the workspace's GUID (properties.customerId), fixed at
	// creation.
	CustomerID    string
	RetentionDays int
	Body          []byte // the resource JSON as served
	Updated       time.Time
}

// PutWorkspace creates or replaces a workspace and reports whether it
// created it. A workspace keeps its customer id: w.CustomerID must be the
// stored one when the workspace exists.
func (t *Tx) PutWorkspace(w Workspace) (bool, error) {
	if _, err := t.tx.ExecContext(t.ctx, workspacesSchema); err != nil {
		return false, fmt.Errorf("create workspaces table: %w", err)
	}
	var customerID string
	err := t.queryRow(`SELECT customer_id FROM workspaces WHERE key = ?`, w.Key).Scan(&customerID)
	created := errors.Is(err, sql.ErrNoRows)
	switch {
	case err != nil && !created:
		return false, fmt.Errorf("read workspace: %w", err)
	case !created && customerID != w.CustomerID:
		return false, fmt.Errorf("workspace %s has customer id %s, not %s", w.Key, customerID, w.CustomerID)
	}
	if _, err := t.exec(`INSERT INTO workspaces (key, subscription, resource_group, customer_id, retention_days, body, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET retention_days = excluded.retention_days, body = excluded.body, updated_at = excluded.updated_at`,
		w.Key, w.Subscription, w.ResourceGroup, w.CustomerID, w.RetentionDays, w.Body, w.Updated.UnixNano()); err != nil {
		return false, fmt.Errorf("write workspace: %w", err)
	}
	return created, nil
}

// DeleteWorkspace deletes a workspace and reports whether it existed.
func (t *Tx) DeleteWorkspace(key string) (bool, error) {
	if _, err := t.tx.ExecContext(t.ctx, workspacesSchema); err != nil {
		return false, fmt.Errorf("create workspaces table: %w", err)
	}
	res, err := t.exec(`DELETE FROM workspaces WHERE key = ?`, key)
	if err != nil {
		return false, fmt.Errorf("delete workspace: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Workspace reads a workspace by key; an absent one is ErrNotFound.
func (s *Store) Workspace(ctx context.Context, key string) (Workspace, error) {
	return s.oneWorkspace(ctx, `WHERE key = ?`, key)
}

// WorkspaceByCustomerID reads a workspace by its customer id.
func (s *Store) WorkspaceByCustomerID(ctx context.Context, customerID string) (Workspace, error) {
	return s.oneWorkspace(ctx, `WHERE customer_id = ?`, customerID)
}

// Workspaces lists the workspaces of a subscription, or of one of its
// resource groups when resourceGroup is not empty, or every workspace when
// subscription is empty; in key order.
func (s *Store) Workspaces(ctx context.Context, subscription, resourceGroup string) ([]Workspace, error) {
	switch {
	case subscription == "":
		return s.workspaces(ctx, `ORDER BY key`)
	case resourceGroup == "":
		return s.workspaces(ctx, `WHERE subscription = ? ORDER BY key`, subscription)
	}
	return s.workspaces(ctx, `WHERE subscription = ? AND resource_group = ? ORDER BY key`, subscription, resourceGroup)
}

func (s *Store) oneWorkspace(ctx context.Context, where string, args ...any) (Workspace, error) {
	ws, err := s.workspaces(ctx, where, args...)
	if err != nil {
		return Workspace{}, err
	}
	if len(ws) == 0 {
		return Workspace{}, ErrNotFound
	}
	return ws[0], nil
}

func (s *Store) workspaces(ctx context.Context, where string, args ...any) ([]Workspace, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT key, subscription, resource_group, customer_id, retention_days, body, updated_at FROM workspaces `+where, args...)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil, nil
		}
		return nil, fmt.Errorf("read workspaces: %w", err)
	}
	defer rows.Close()
	var out []Workspace
	for rows.Next() {
		var w Workspace
		var ts int64
		if err := rows.Scan(&w.Key, &w.Subscription, &w.ResourceGroup, &w.CustomerID, &w.RetentionDays, &w.Body, &ts); err != nil {
			return nil, fmt.Errorf("read workspaces: %w", err)
		}
		w.Updated = time.Unix(0, ts)
		out = append(out, w)
	}
	return out, rows.Err()
}
