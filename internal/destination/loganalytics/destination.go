package loganalytics

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/secexport/secexport/internal/deliver"
	wsdest "github.com/secexport/secexport/internal/destination/workspace"
	"github.com/secexport/secexport/internal/model"
	ws "github.com/secexport/secexport/internal/workspace"
)

// Destination posts events to one data collection rule.
type Destination struct {
	cfg Config
	// OnOversized, when set, is told of every event refused for its size.
	OnOversized func(ctx context.Context, o wsdest.Oversized)
}

// New returns a destination for cfg.
func New(cfg Config) (*Destination, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.withDefaults()
	return &Destination{cfg: cfg}, nil
}

// request is one POST: the events whose rows it carries and its body.
type request struct {
	table   string
	indexes []int // positions of its events in the batch
	body    []byte
}

// Send maps the events to rows and posts them, table by table, in requests
// under the size limit. Outcomes are per event: an event that does not map
// or is over Log Analytics' 32 KB record limit fails for good; a request the
// API refuses (400, 413, another 4xx but 401, 403, 408 and 429) fails its
// events for good; the rest may be retried.
func (d *Destination) Send(ctx context.Context, events []model.Event) error {
	errs := make([]error, len(events))
	reqs := d.requests(ctx, events, errs)
	var stop error
	for _, r := range reqs {
		err := stop
		if err == nil {
			err = d.post(ctx, r)
			if err != nil && !deliver.IsPermanent(err) {
				// Keep each record's events in order: what follows a request
				// to be retried waits for it.
				stop = fmt.Errorf("not attempted: an earlier request of the batch failed: %w", err)
			}
		}
		for _, i := range r.indexes {
			errs[i] = err
		}
	}
	for _, err := range errs {
		if err != nil {
			if len(events) == 1 {
				return err
			}
			return &deliver.BatchError{Errs: errs}
		}
	}
	return nil
}

// requests maps events to rows and packs them into requests, one table per
// request, each body a JSON array of at most MaxRequestBytes.
func (d *Destination) requests(ctx context.Context, events []model.Event, errs []error) []*request {
	var reqs []*request
	open := map[string]*request{}
	for i, ev := range events {
		row, err := wsdest.Row(ev, "")
		if err != nil {
			errs[i] = deliver.Permanent(err)
			var o *wsdest.OversizedError
			if errors.As(err, &o) && d.OnOversized != nil {
				d.OnOversized(ctx, o.Oversized)
			}
			continue
		}
		rec := row.AppendJSON(nil, sent)
		r := open[row.Table.Name]
		if r != nil && len(r.body)+1+len(rec)+1 > d.cfg.MaxRequestBytes {
			r.body = append(r.body, ']')
			r = nil
		}
		if r == nil {
			r = &request{table: row.Table.Name, body: []byte{'['}}
			open[row.Table.Name] = r
			reqs = append(reqs, r)
		} else {
			r.body = append(r.body, ',')
		}
		r.body = append(r.body, rec...)
		r.indexes = append(r.indexes, i)
	}
	for _, r := range open {
		r.body = append(r.body, ']')
	}
	return reqs
}

// sent chooses the columns sent: not the ones Log Analytics sets itself
// (TenantId, Type, SourceSystem) nor the hidden ones.
func sent(c ws.Column) bool {
	switch c.Name {
	case "TenantId", "Type", "SourceSystem":
		return false
	}
	return !c.Hidden()
}

func (d *Destination) post(ctx context.Context, r *request) error {
	u := d.cfg.Endpoint + "/dataCollectionRules/" + url.PathEscape(d.cfg.RuleID) + "/streams/" +
		url.PathEscape(d.cfg.StreamPrefix+r.table) + "?api-version=" + APIVersion
	body := r.body
	if d.cfg.Gzip {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(body)
		zw.Close()
		body = buf.Bytes()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return deliver.Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if d.cfg.Gzip {
		req.Header.Set("Content-Encoding", "gzip")
	}
	if d.cfg.Credential != nil {
		tok, err := d.cfg.Credential.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{Scope}})
		if err != nil {
			return fmt.Errorf("get an Entra ID token for the Logs Ingestion API: %w", err)
		}
		req.Header.Set("Authorization", "Bearer "+tok.Token)
	}
	resp, err := d.cfg.Client.Do(req)
	if err != nil {
		return fmt.Errorf("post to the Logs Ingestion API: %w", err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
	return statusError(resp, r.table, msg)
}

// statusError classifies the API's answer.
func statusError(resp *http.Response, table string, msg []byte) error {
	code := resp.StatusCode
	if code >= 200 && code < 300 {
		return nil
	}
	err := fmt.Errorf("Logs Ingestion API answered %s for %s rows: %s", resp.Status, table, bytes.TrimSpace(msg))
	switch {
	case code == http.StatusTooManyRequests || code >= 500 || code == http.StatusRequestTimeout:
		if s, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil && s > 0 {
			return &deliver.RetryAfterError{Err: err, Seconds: s}
		}
		return err
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return err // a missing role assignment: retry until it is granted
	}
	return deliver.Permanent(err)
}
