// Package logicapp delivers exported events to a Logic App trigger or any HTTP
// endpoint: one event per POST, its JSON as the body, as Azure's Logic App
// action does.
package logicapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/model"
)

// Headers sent with every event.
const (
	HeaderEventID     = "X-Secexport-Event-Id"
	HeaderEventSource = "X-Secexport-Event-Source"
)

// Destination posts events to one URI.
type Destination struct {
	uri    string
	client *http.Client
}

// New returns a destination posting to uri with client. Redirects are not
// followed: a redirected POST would arrive as a GET without its event, so a
// 3xx answer counts as a refusal, not a delivery.
func New(uri string, client *http.Client) *Destination {
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Destination{uri: uri, client: &c}
}

// Send posts each event in order and stops at the first failure. A 4xx other
// than 408 and 429 is permanent; everything else may be retried.
func (d *Destination) Send(ctx context.Context, events []model.Event) error {
	errs := make([]error, len(events))
	failed := false
	for i, ev := range events {
		if failed {
			errs[i] = errors.New("not attempted: an earlier event of the batch failed")
			continue
		}
		if err := d.post(ctx, ev); err != nil {
			errs[i] = err
			// A permanent failure does not stop the events behind it.
			failed = !deliver.IsPermanent(err)
		}
	}
	for _, err := range errs {
		if err != nil {
			if len(events) == 1 {
				return errs[0]
			}
			return &deliver.BatchError{Errs: errs}
		}
	}
	return nil
}

func (d *Destination) post(ctx context.Context, ev model.Event) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.uri, bytes.NewReader(ev.Payload))
	if err != nil {
		return deliver.Permanent(fmt.Errorf("build request: %w", redact(err)))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(HeaderEventID, ev.ID)
	req.Header.Set(HeaderEventSource, string(ev.Source))
	resp, err := d.client.Do(req)
	if err != nil {
		return fmt.Errorf("post event: %w", redact(err))
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	err = fmt.Errorf("endpoint answered HTTP %d", resp.StatusCode)
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		// The Location may carry a signature: it is not reported.
		return deliver.Permanent(fmt.Errorf("endpoint answered HTTP %d, a redirect; secexport does not follow redirects with events: use the final URL", resp.StatusCode))
	}
	if resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusRequestTimeout && resp.StatusCode != http.StatusTooManyRequests {
		return deliver.Permanent(err)
	}
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		if secs, perr := strconv.Atoi(ra); perr == nil {
			return &deliver.RetryAfterError{Err: err, Seconds: secs}
		}
	}
	return err
}

// redact drops the URL, which carries the trigger's signature, from err.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
