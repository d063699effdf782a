package deliver

import (
	"context"
	"fmt"
	"time"

	"github.com/secexport/secexport/internal/store"
)

// maintain trims the outbox log behind the slowest cursor and dead-letters
// events that waited longer than the configured maximum age, every interval,
// until ctx is done.
func (m *Manager) maintain(ctx context.Context) {
	t := time.NewTicker(m.cfg.MaintenanceInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := m.Maintain(ctx, time.Now()); err != nil && ctx.Err() == nil {
			m.log.Error("outbox maintenance", "err", err)
		}
	}
}

// Maintain runs one maintenance pass as of now.
func (m *Manager) Maintain(ctx context.Context, now time.Time) error {
	var expired, trimmed int64
	err := m.st.Write(ctx, func(tx *store.Tx) error {
		var err error
		if m.cfg.MaxAge > 0 {
			reason := fmt.Sprintf("expired: not delivered within %s", m.cfg.MaxAge)
			if expired, err = tx.ExpirePending(now.Add(-m.cfg.MaxAge), reason); err != nil {
				return err
			}
		}
		trimmed, err = tx.TrimEvents()
		return err
	})
	if err != nil {
		return err
	}
	if expired > 0 {
		m.metrics.expired.Add(float64(expired))
		m.log.Warn("undelivered events expired to dead letters", "count", expired, "max_age", m.cfg.MaxAge)
	}
	if trimmed > 0 {
		m.log.Debug("outbox trimmed", "events", trimmed)
	}
	return nil
}
