package deliver

import (
	"context"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/secexport/secexport/internal/store"
)

// Metrics are the delivery metrics, registered on the registry given to NewMetrics.
type Metrics struct {
	exported *prometheus.CounterVec
	retries  *prometheus.CounterVec
	dead     *prometheus.CounterVec
	up       *prometheus.GaugeVec
	lastErr  *prometheus.GaugeVec
	latency  *prometheus.HistogramVec
	expired  prometheus.Counter
}

// NewMetrics registers the delivery metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	labels := []string{"destination", "action"}
	m := &Metrics{
		exported: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "secexport_exported_events_total", Help: "Events delivered to a destination.",
		}, labels),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "secexport_delivery_retries_total", Help: "Failed delivery attempts that will be retried.",
		}, labels),
		dead: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "secexport_dead_letters_total", Help: "Events a destination refused for good, moved to dead letters.",
		}, labels),
		up: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "secexport_destination_up", Help: "1 when the last delivery attempt to the action's destination succeeded.",
		}, labels),
		lastErr: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "secexport_destination_last_error_timestamp_seconds", Help: "When delivery to the action's destination last failed.",
		}, labels),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "secexport_delivery_latency_seconds",
			Help:    "Time from the change being committed to its event being delivered.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300},
		}, []string{"destination"}),
	}
	m.expired = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "secexport_expired_events_total", Help: "Events moved to dead letters because no destination took them within the maximum age.",
	})
	reg.MustRegister(m.exported, m.retries, m.dead, m.up, m.lastErr, m.latency, m.expired)
	return m
}

// backlogCollector reports every action's queue depth and oldest event age at scrape time.
type backlogCollector struct {
	st      *store.Store
	pending *prometheus.Desc
	age     *prometheus.Desc
	dead    *prometheus.Desc
}

// RegisterBacklog registers the outbox depth metrics, read from st at scrape time.
func RegisterBacklog(reg prometheus.Registerer, st *store.Store) {
	reg.MustRegister(&backlogCollector{
		st:      st,
		pending: prometheus.NewDesc("secexport_outbox_pending", "Events queued for an action and not yet delivered.", []string{"automation", "action"}, nil),
		age:     prometheus.NewDesc("secexport_outbox_oldest_age_seconds", "Age of the oldest event queued for an action (0 when none).", []string{"automation", "action"}, nil),
		dead:    prometheus.NewDesc("secexport_dead_letters", "Dead letters held for an action.", []string{"automation", "action"}, nil),
	})
}

func (c *backlogCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.pending
	ch <- c.age
	ch <- c.dead
}

func (c *backlogCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	bl, err := c.st.Backlogs(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.pending, err)
		return
	}
	now := time.Now()
	for _, b := range bl {
		id := strconv.FormatInt(b.ActionID, 10)
		ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(b.Pending), b.AutomationKey, id)
		age := 0.0
		if !b.Oldest.IsZero() {
			age = now.Sub(b.Oldest).Seconds()
		}
		ch <- prometheus.MustNewConstMetric(c.age, prometheus.GaugeValue, age, b.AutomationKey, id)
		ch <- prometheus.MustNewConstMetric(c.dead, prometheus.GaugeValue, float64(b.DeadLetters), b.AutomationKey, id)
	}
}
