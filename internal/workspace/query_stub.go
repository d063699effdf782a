//go:build !kqlready

package workspace

import (
	"context"
	"errors"
	"time"
)

// Query is not available until package kql is.
func (s *Service) Query(ctx context.Context, customerID, src string, span *Span) (*Result, error) {
	if _, err := s.Workspace(ctx, customerID); err != nil {
		return nil, err
	}
	return s.DB.Query(ctx, customerID, src, span, s.now())
}

// Query is not available until package kql is.
func (d *DB) Query(ctx context.Context, customerID, src string, span *Span, now time.Time) (*Result, error) {
	return nil, errors.New("KQL queries are not available in this build")
}
