package deliver

import (
	"context"
	"errors"
	"hash/fnv"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/store"
)

type worker struct {
	t   Target
	st  *store.Store
	cfg Config
	log *slog.Logger

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
	wake   chan struct{}

	exported, retries, dead prometheus.Counter
	up                      lazyGauge
	lastErrM                prometheus.Gauge
	latency                 prometheus.Observer

	statusMu  sync.Mutex
	lastErr   string
	lastErrAt time.Time

	// pausedUntil (unix nanoseconds) makes every lane of the action wait out a
	// backoff together, so a down destination sees one retry schedule, not one
	// per lane.
	pausedUntil atomic.Int64
}

func (w *worker) stop() {
	w.cancel()
	<-w.done
	if c, ok := w.t.Destination.(Closer); ok {
		if err := c.Close(); err != nil {
			w.log.Warn("closing destination", "err", err)
		}
	}
}

func (w *worker) run() {
	defer close(w.done)
	acks := make(chan ack, 64)
	acked := make(chan struct{})
	go w.acknowledge(acks, acked)
	defer func() {
		close(acks)
		<-acked // a clean stop persists every acknowledgement
	}()
	cursor, err := w.st.Cursor(w.ctx, w.t.ActionID)
	for err != nil {
		w.log.Error("reading cursor", "err", err)
		if !w.sleep(w.cfg.PollInterval) {
			return
		}
		cursor, err = w.st.Cursor(w.ctx, w.t.ActionID)
	}
	poll := time.NewTimer(w.cfg.PollInterval)
	defer poll.Stop()
	for w.ctx.Err() == nil {
		events, err := w.st.Pending(w.ctx, w.t.ActionID, cursor, w.cfg.BatchSize)
		if err != nil {
			if w.ctx.Err() == nil {
				w.log.Error("reading outbox", "err", err)
				w.sleep(w.cfg.PollInterval)
			}
			continue
		}
		if len(events) == 0 {
			poll.Reset(w.cfg.PollInterval)
			select {
			case <-w.wake:
			case <-poll.C:
			case <-w.ctx.Done():
			}
			continue
		}
		dead, ok := w.deliver(events)
		if !ok {
			return // stopped mid-batch: the cursor stays, the batch is sent again later
		}
		// Acknowledge in the background and read on from the new cursor: the
		// cursor write is monotonic, and an acknowledgement lost to a crash only
		// means the batch is sent again.
		cursor = events[len(events)-1].Seq
		acks <- ack{seq: cursor, dead: dead}
	}
}

type ack struct {
	seq  int64
	dead []store.DeadLetter
}

// acknowledge persists acknowledgements, merging those that queue up while a
// write is in flight into one write, until acks is closed and drained.
func (w *worker) acknowledge(acks <-chan ack, done chan<- struct{}) {
	defer close(done)
	for a := range acks {
	merge:
		for {
			select {
			case b, ok := <-acks:
				if !ok {
					break merge
				}
				a.seq = max(a.seq, b.seq)
				a.dead = append(a.dead, b.dead...)
			default:
				break merge
			}
		}
		for attempt := 1; ; attempt++ {
			err := w.st.Write(context.Background(), func(tx *store.Tx) error {
				for _, d := range a.dead {
					if err := tx.AddDeadLetter(d); err != nil {
						return err
					}
				}
				return tx.Advance(w.t.ActionID, a.seq)
			})
			if err == nil {
				break
			}
			// Delivered but not acknowledged: on a restart the batch is sent again.
			w.log.Error("advancing cursor", "attempt", attempt, "err", err)
			if attempt == 5 {
				break
			}
			time.Sleep(w.cfg.PollInterval)
		}
	}
}

// deliver sends a batch and returns the events refused for good. ok is false
// when the worker was stopped before the batch was done.
func (w *worker) deliver(events []model.Event) (dead []store.DeadLetter, ok bool) {
	if w.t.Lanes <= 1 {
		return w.send(events)
	}
	lanes := make([][]model.Event, w.t.Lanes)
	for _, ev := range events {
		h := fnv.New32a()
		h.Write([]byte(ev.RecordKey))
		i := int(h.Sum32() % uint32(w.t.Lanes))
		lanes[i] = append(lanes[i], ev)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	ok = true
	for _, lane := range lanes {
		if len(lane) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, ev := range lane {
				d, laneOK := w.send([]model.Event{ev})
				mu.Lock()
				dead = append(dead, d...)
				ok = ok && laneOK
				mu.Unlock()
				if !laneOK {
					return
				}
			}
		}()
	}
	wg.Wait()
	return dead, ok
}

// send delivers events with retry until each is delivered or refused for good.
func (w *worker) send(events []model.Event) (dead []store.DeadLetter, ok bool) {
	pending := events
	for attempt := 1; ; attempt++ {
		if wait := time.Until(time.Unix(0, w.pausedUntil.Load())); wait > 0 && !w.sleep(wait) {
			return dead, false
		}
		ctx, cancel := context.WithTimeout(w.ctx, w.cfg.SendTimeout)
		err := w.t.Destination.Send(ctx, pending)
		cancel()
		if err == nil {
			w.delivered(pending)
			return dead, true
		}
		if w.ctx.Err() != nil {
			return dead, false
		}
		var retry []model.Event
		var be *BatchError
		switch {
		case errors.As(err, &be) && len(be.Errs) == len(pending):
			var sent []model.Event
			for i, e := range be.Errs {
				switch {
				case e == nil:
					sent = append(sent, pending[i])
				case IsPermanent(e):
					dead = append(dead, w.deadLetter(pending[i], e, attempt))
				default:
					retry = append(retry, pending[i])
					err = e
				}
			}
			w.delivered(sent)
		case IsPermanent(err):
			for _, ev := range pending {
				dead = append(dead, w.deadLetter(ev, err, attempt))
			}
		default:
			retry = pending
		}
		if len(retry) == 0 {
			return dead, true
		}
		w.failed(err, attempt)
		d := w.backoff(attempt, err)
		until := time.Now().Add(d).UnixNano()
		for {
			cur := w.pausedUntil.Load()
			if cur >= until || w.pausedUntil.CompareAndSwap(cur, until) {
				break
			}
		}
		if !w.sleep(d) {
			return dead, false
		}
		pending = retry
	}
}

func (w *worker) delivered(events []model.Event) {
	if len(events) == 0 {
		return
	}
	w.exported.Add(float64(len(events)))
	w.up.Set(1)
	now := time.Now()
	for _, ev := range events {
		w.latency.Observe(now.Sub(ev.Time).Seconds())
	}
}

func (w *worker) deadLetter(ev model.Event, err error, attempts int) store.DeadLetter {
	w.dead.Inc()
	w.log.Warn("event refused, moved to dead letters", "event_id", ev.ID, "err", err)
	return store.DeadLetter{ActionID: w.t.ActionID, AutomationKey: w.t.AutomationKey, Event: ev, Reason: err.Error(), Attempts: attempts, Time: time.Now()}
}

func (w *worker) failed(err error, attempt int) {
	w.retries.Inc()
	w.up.Set(0)
	now := time.Now()
	w.lastErrM.Set(float64(now.Unix()))
	w.statusMu.Lock()
	w.lastErr, w.lastErrAt = err.Error(), now
	w.statusMu.Unlock()
	if attempt == 1 || attempt%10 == 0 {
		w.log.Warn("delivery failed, will retry", "attempt", attempt, "err", err)
	}
}

// backoff is exponential with full jitter, capped, and never shorter than a
// destination's Retry-After.
func (w *worker) backoff(attempt int, err error) time.Duration {
	d := w.cfg.InitialBackoff << min(attempt-1, 20)
	if d > w.cfg.MaxBackoff || d <= 0 {
		d = w.cfg.MaxBackoff
	}
	d = d/2 + rand.N(d/2+1)
	var ra *RetryAfterError
	if errors.As(err, &ra) {
		if min := time.Duration(ra.Seconds) * time.Second; d < min {
			d = min
		}
	}
	return d
}

func (w *worker) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-w.ctx.Done():
		return false
	}
}

// lazyGauge creates its series on first Set.
type lazyGauge struct {
	vec    *prometheus.GaugeVec
	labels []string
}

func (g lazyGauge) Set(v float64) { g.vec.WithLabelValues(g.labels...).Set(v) }
