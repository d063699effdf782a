package workspace

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/secexport/secexport/internal/store"
)

// Service is the embedded workspaces: their resources in the store, their
// tables in the DuckDB database.
type Service struct {
	DB    *DB
	Store *store.Store
	Log   *slog.Logger
	// Now is the clock of queries and retention; nil means time.Now.
	Now func() time.Time
}

// ErrNotFound is the error of a workspace that does not exist.
var ErrNotFound = errors.New("workspace not found")

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Put creates or updates a workspace: its tables first, then its resource.
func (s *Service) Put(ctx context.Context, w store.Workspace) (created bool, err error) {
	if err := s.DB.Create(ctx, w.CustomerID); err != nil {
		return false, err
	}
	err = s.Store.Write(ctx, func(tx *store.Tx) error {
		var err error
		created, err = tx.PutWorkspace(w)
		return err
	})
	return created, err
}

// Delete deletes a workspace's resource and then its tables with their rows.
func (s *Service) Delete(ctx context.Context, key string) (bool, error) {
	w, err := s.Store.Workspace(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var existed bool
	if err := s.Store.Write(ctx, func(tx *store.Tx) error {
		var err error
		existed, err = tx.DeleteWorkspace(key)
		return err
	}); err != nil {
		return false, err
	}
	return existed, s.DB.Drop(ctx, w.CustomerID)
}

// Workspace returns the workspace whose customer id is customerID, or
// ErrNotFound.
func (s *Service) Workspace(ctx context.Context, customerID string) (store.Workspace, error) {
	if !ValidCustomerID(customerID) {
		return store.Workspace{}, ErrNotFound
	}
	w, err := s.Store.WorkspaceByCustomerID(ctx, customerID)
	if errors.Is(err, store.ErrNotFound) {
		return store.Workspace{}, ErrNotFound
	}
	return w, err
}

// Append appends rows to a workspace's tables.
func (s *Service) Append(ctx context.Context, customerID string, rows []Row) error {
	return s.DB.Append(ctx, customerID, rows)
}

// Retain deletes, in every workspace, the rows older than its retention.
func (s *Service) Retain(ctx context.Context) error {
	all, err := s.Store.Workspaces(ctx, "", "")
	if err != nil {
		return err
	}
	now := s.now()
	var errs []error
	for _, w := range all {
		days := w.RetentionDays
		if days <= 0 {
			days = DefaultRetentionDays
		}
		n, err := s.DB.DeleteBefore(ctx, w.CustomerID, now.AddDate(0, 0, -days))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if n > 0 {
			s.log().Info("workspace retention", "workspace", w.Key, "retention_days", days, "deleted_rows", n)
		}
	}
	return errors.Join(errs...)
}

// RunRetention enforces retention every interval until ctx is done.
func (s *Service) RunRetention(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := s.Retain(ctx); err != nil && ctx.Err() == nil {
			s.log().Error("workspace retention", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Service) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// Retention bounds, in days, as Log Analytics has them.
const (
	DefaultRetentionDays = 30
	MinRetentionDays     = 30
	MaxRetentionDays     = 730
)

// CheckRetention reports whether days is a retention Log Analytics accepts.
func CheckRetention(days int) error {
	if days < MinRetentionDays || days > MaxRetentionDays {
		return fmt.Errorf("retentionInDays must be between %d and %d, not %d", MinRetentionDays, MaxRetentionDays, days)
	}
	return nil
}
