// Package workspace delivers exported events to secexport's embedded Log
// Analytics workspace: each event becomes a row of its table (package
// workspace maps it), and a batch is appended in one transaction. A row over
// Log Analytics' 32 KB record limit is not written: it is a permanent error
// for that event alone (so it goes to dead letters) and raises a "Data limit
// exceeded" alert.
package workspace

import (
	"context"
	"errors"
	"fmt"

	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/model"
	ws "github.com/secexport/secexport/internal/workspace"
)

// Appender stores rows in a workspace.
type Appender interface {
	Append(ctx context.Context, customerID string, rows []ws.Row) error
}

// Oversized describes an event whose row is over the record limit.
type Oversized struct {
	Event model.Event
	Table string
	Size  int // bytes, serialized
}

// ErrDataLimit is the error of an event whose row is over the record limit.
var ErrDataLimit = errors.New("data limit exceeded")

// Destination appends events to one workspace.
type Destination struct {
	// CustomerID names the workspace.
	CustomerID string
	Rows       Appender
	// OnOversized, when set, is told of every event refused for its size; it
	// raises the "Data limit exceeded" alert. It must not block.
	OnOversized func(ctx context.Context, o Oversized)
}

// Send maps the events and appends their rows. An event that does not map,
// or whose row is over the limit, fails alone and for good; a failed append
// fails the batch, to be retried.
func (d *Destination) Send(ctx context.Context, events []model.Event) error {
	rows := make([]ws.Row, 0, len(events))
	var errs []error
	for i, ev := range events {
		row, err := Row(ev, d.CustomerID)
		if err != nil {
			if errs == nil {
				errs = make([]error, len(events))
			}
			errs[i] = deliver.Permanent(err)
			var o *OversizedError
			if errors.As(err, &o) && d.OnOversized != nil {
				d.OnOversized(ctx, o.Oversized)
			}
			continue
		}
		rows = append(rows, row)
	}
	if err := d.Rows.Append(ctx, d.CustomerID, rows); err != nil {
		return err
	}
	if errs != nil {
		return &deliver.BatchError{Errs: errs}
	}
	return nil
}

// OversizedError is the error of an event whose row is over the limit.
type OversizedError struct{ Oversized }

func (e *OversizedError) Error() string {
	return fmt.Sprintf("%v: the %s record is %d bytes; Log Analytics accepts at most %d", ErrDataLimit, e.Table, e.Size, ws.MaxRecordSize)
}

func (e *OversizedError) Unwrap() error { return ErrDataLimit }

// Row maps an event to the row of the workspace customerID, refusing one
// over the record limit with an *OversizedError.
func Row(ev model.Event, customerID string) (ws.Row, error) {
	row, err := ws.Map(ev.Source, ev.Payload, ws.Meta{TenantID: customerID, Time: ev.Time})
	if err != nil {
		return ws.Row{}, err
	}
	if size := int(row.Get("_BilledSize").(float64)); size > ws.MaxRecordSize {
		return ws.Row{}, &OversizedError{Oversized{Event: ev, Table: row.Table.Name, Size: size}}
	}
	return row, nil
}
