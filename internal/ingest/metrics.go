package ingest

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the ingest metrics.
type Metrics struct {
	records *prometheus.CounterVec
	events  *prometheus.CounterVec
}

// NewMetrics registers the ingest metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		records: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "secexport_ingested_records_total", Help: "Records received, by kind and result (changed, unchanged, deleted, rejected).",
		}, []string{"kind", "result"}),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "secexport_events_total", Help: "Exportable changes queued in the outbox, by event source (one per matched action).",
		}, []string{"source"}),
	}
	reg.MustRegister(m.records, m.events)
	return m
}

// Rejected counts records refused before they reached the pipeline.
func (m *Metrics) Rejected(kind string, n int) {
	if m != nil && n > 0 {
		m.records.WithLabelValues(kind, "rejected").Add(float64(n))
	}
}

func (m *Metrics) observe(pr *prepared) {
	if m == nil {
		return
	}
	kind := string(pr.res.Record.Kind)
	switch {
	case pr.res.Err != nil:
		m.records.WithLabelValues(kind, "rejected").Inc()
	case pr.change.Delete:
		m.records.WithLabelValues(kind, "deleted").Inc()
	case pr.res.Changed:
		m.records.WithLabelValues(kind, "changed").Inc()
	default:
		m.records.WithLabelValues(kind, "unchanged").Inc()
	}
	if pr.event != nil && len(pr.actions) > 0 {
		m.events.WithLabelValues(string(pr.event.Source)).Add(float64(len(pr.actions)))
	}
}
