package kafka

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/model"
)

// DefaultSendTimeout bounds a Send whose context has no deadline.
const DefaultSendTimeout = 30 * time.Second

// Once a Send's context has ended, the client gets cancelGrace to fail the
// records it still holds, and abortWait to report on them once told to.
const (
	cancelGrace = 250 * time.Millisecond
	abortWait   = time.Second
)

// Destination produces events to one Kafka topic. It is safe for concurrent
// use; Sends run one at a time.
type Destination struct {
	cfg    Config
	client *kgo.Client
	conns  *connWatcher
	log    *slog.Logger
	// sending holds a token while a Send runs: Sends run one at a time, as
	// aborting records on a deadline acts on the whole client.
	sending chan struct{}
}

var (
	_ deliver.Destination = (*Destination)(nil)
	_ deliver.Closer      = (*Destination)(nil)
)

// New validates cfg and starts a client for it. It does not wait for the
// brokers: an unreachable cluster shows up as errors from Send.
func New(cfg Config, logger *slog.Logger) (*Destination, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	d := &Destination{
		cfg:     cfg,
		conns:   &connWatcher{},
		sending: make(chan struct{}, 1),
		log:     logger.With("destination", "kafka", "topic", cfg.Topic),
	}
	opts := cfg.clientOpts()
	if m := cfg.mechanism(); m != nil {
		d.conns.sasl = newSASLWatch(m)
		opts = append(opts, kgo.SASL(d.conns.sasl))
	}
	opts = append(opts,
		kgo.WithHooks(d.conns),
		kgo.WithLogger(kgoLogger{d.log}),
	)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, d.redact(fmt.Errorf("kafka: starting the client: %w", err))
	}
	d.client = cl
	return d, nil
}

// Send produces one record per event and returns nil when the brokers
// acknowledged every one. Events larger than MaxMessageBytes are not sent.
// When some events fail, Send returns a *deliver.BatchError with one entry per
// event, its error marked deliver.Permanent when retrying cannot help; when all
// fail for a retryable reason it returns that reason.
//
// Send returns soon after ctx ends (DefaultSendTimeout bounds a ctx without a
// deadline), and every event has its outcome by then: records the client
// still holds are failed, not left to go out later. Sends to one Destination
// run one at a time, which keeps one record's events in order across Sends.
func (d *Destination) Send(ctx context.Context, events []model.Event) error {
	if len(events) == 0 {
		return nil
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultSendTimeout)
		defer cancel()
	}
	select {
	case d.sending <- struct{}{}:
		defer func() { <-d.sending }()
	case <-ctx.Done():
		return d.classify(ctx.Err())
	}

	errs := make([]error, len(events))
	settled := make([]bool, len(events))
	// Buffered for every record, so that no promise ever blocks the client.
	done := make(chan outcome, len(events))
	produced := 0
	for i, e := range events {
		r := newRecord(e)
		if limit := d.cfg.MaxMessageBytes; limit > 0 {
			if n := recordSize(r); n > limit {
				errs[i] = deliver.Permanent(fmt.Errorf("event of %d bytes exceeds the destination's limit of %d bytes", n, limit))
				settled[i] = true
				continue
			}
		}
		produced++
		d.client.Produce(ctx, r, func(_ *kgo.Record, err error) { done <- outcome{i, err} })
	}
	d.await(ctx, done, produced, errs, settled)
	if produced > 1 {
		d.isolateTooLarge(ctx, events, errs)
	}
	return d.result(errs)
}

// isolateTooLarge sends again, one by one, the events of a batch that a broker
// rejected as too large. The broker judges whole batches, so small events that
// shared a batch with others may fit alone; an event still rejected on its own
// is too large for good. This only happens when the topic's limit is below
// the batch size (MaxMessageBytes set too high, or unset on a topic under
// Kafka's default), and then a record's events may arrive out of order: a
// later batch of the same partition may already have gone through.
func (d *Destination) isolateTooLarge(ctx context.Context, events []model.Event, errs []error) {
	var idx []int
	for i, err := range errs {
		if errors.Is(err, kerr.MessageTooLarge) || errors.Is(err, kerr.RecordListTooLarge) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return
	}
	d.log.Warn("the broker rejected a batch as too large; sending its events one by one, in an order that may not hold per record; set the destination's message size limit to the topic's", "events", len(idx))
	for _, i := range idx {
		if err := ctx.Err(); err != nil {
			errs[i] = d.classify(err)
			continue
		}
		errs[i] = d.classify(d.client.ProduceSync(ctx, newRecord(events[i])).FirstErr())
	}
}

type outcome struct {
	i   int
	err error
}

// await collects pending outcomes into errs. Once ctx ends, it gives the
// client cancelGrace to fail the records itself (it checks a record's context
// only between requests), then fails whatever is still buffered. A record so
// failed may have reached the broker: its event is sent again on retry, and
// consumers drop the duplicate by its event id.
func (d *Destination) await(ctx context.Context, done <-chan outcome, pending int, errs []error, settled []bool) {
	ctxDone := ctx.Done()
	var timer <-chan time.Time
	aborted := false
	for pending > 0 {
		select {
		case o := <-done:
			pending--
			err := o.err
			if errors.Is(err, kgo.ErrAborting) {
				err = ctx.Err()
			}
			errs[o.i], settled[o.i] = d.classify(err), true
			continue
		case <-ctxDone:
			ctxDone = nil
			timer = time.After(cancelGrace)
			continue
		case <-timer:
		}
		if aborted {
			break
		}
		d.log.Debug("aborting buffered records", "pending", pending)
		d.client.UnsafeAbortBufferedRecords()
		aborted = true
		timer = time.After(abortWait)
	}
	if pending == 0 {
		return
	}
	// Not seen to happen: the client did not report on records it was told
	// to fail. Report them failed; a late delivery is a duplicate at worst.
	d.log.Warn("records without an outcome after abort", "pending", pending)
	late := d.classify(ctx.Err())
	for i, ok := range settled {
		if !ok {
			errs[i] = late
		}
	}
}

// result folds per-event outcomes into Send's return value.
func (d *Destination) result(errs []error) error {
	var failed, permanent int
	var first error
	for _, err := range errs {
		if err == nil {
			continue
		}
		if first == nil {
			first = err
		}
		failed++
		if deliver.IsPermanent(err) {
			permanent++
		}
	}
	switch {
	case failed == 0:
		return nil
	case failed == len(errs) && permanent == 0:
		d.log.Debug("send failed", "events", len(errs), "err", first)
		return first
	}
	d.log.Debug("send partly failed", "events", len(errs), "failed", failed, "permanent", permanent, "err", first)
	return &deliver.BatchError{Errs: errs}
}

// Close fails whatever the client still buffers and closes its connections.
func (d *Destination) Close() error {
	d.client.Close()
	return nil
}
