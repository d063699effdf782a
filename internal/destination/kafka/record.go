package kafka

import (
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/secexport/secexport/internal/model"
)

// Record headers, as consumers see them.
const (
	HeaderEventID     = "event-id"     // model.Event.ID; deduplicate on it
	HeaderEventSource = "event-source" // the continuous-export event source
	HeaderIsSnapshot  = "is-snapshot"  // "true" or "false"
	HeaderContentType = "content-type" // always application/json
)

const contentType = "application/json"

// newRecord is the record that carries e.
func newRecord(e model.Event) *kgo.Record {
	return &kgo.Record{
		Key:   []byte(e.RecordKey),
		Value: e.Payload,
		Headers: []kgo.RecordHeader{
			{Key: HeaderEventID, Value: []byte(e.ID)},
			{Key: HeaderEventSource, Value: []byte(e.Source)},
			{Key: HeaderIsSnapshot, Value: []byte(boolString(IsSnapshot(e.Source)))},
			{Key: HeaderContentType, Value: []byte(contentType)},
		},
	}
}

// IsSnapshot reports whether events of src belong to a snapshot. Every
// snapshot source, and only those, is named …Snapshot (AssessmentsSnapshot,
// SecureScoresSnapshot, …), and the snapshot scheduler emits its events under
// them, so the source decides without parsing the payload.
func IsSnapshot(src model.EventSource) bool {
	return strings.HasSuffix(string(src), "Snapshot")
}

// recordSize is what counts against Config.MaxMessageBytes: key, value and
// headers. The batch framing kgo adds on top is checked by kgo itself.
func recordSize(r *kgo.Record) int {
	n := len(r.Key) + len(r.Value)
	for _, h := range r.Headers {
		n += len(h.Key) + len(h.Value)
	}
	return n
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
