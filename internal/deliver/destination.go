package deliver

import (
	"context"
	"errors"
	"strconv"

	"github.com/secexport/secexport/internal/model"
)

// Destination receives exported events. Send returns nil when every event was
// accepted. An error marked Permanent is not retried: its events go to dead
// letters. A *BatchError reports outcomes event by event.
type Destination interface {
	Send(ctx context.Context, events []model.Event) error
}

// Closer is implemented by destinations that hold connections.
type Closer interface {
	Close() error
}

type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as one that retrying cannot fix (a rejected request, an
// event too large for the destination).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err, or an error it wraps, was marked Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// BatchError reports a batch that partly failed: Errs[i] is the outcome of
// events[i] (nil when delivered).
type BatchError struct {
	Errs []error
}

func (e *BatchError) Error() string {
	n := 0
	var first error
	for _, err := range e.Errs {
		if err != nil {
			if first == nil {
				first = err
			}
			n++
		}
	}
	if first == nil {
		return "batch delivered"
	}
	return first.Error() + " (and " + strconv.Itoa(n-1) + " more failed events in the batch)"
}

// RetryAfterError is a retryable error for which the destination asked for a
// minimum wait.
type RetryAfterError struct {
	Err     error
	Seconds int
}

func (e *RetryAfterError) Error() string { return e.Err.Error() }
func (e *RetryAfterError) Unwrap() error { return e.Err }
