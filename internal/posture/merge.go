package posture

import (
	"math"
	"strconv"
	"time"

	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/posture/armjson"
)

// scoreStep is the smallest move of a secure score that is exported.
const scoreStep = 0.01

const (
	firstEvaluationDate = "firstEvaluationDate"
	statusChangeDate    = "statusChangeDate"
)

// Merge decides whether replacing old (nil when the record is new) by rec is
// an exportable change, and returns rec carrying the fields the server
// maintains.
//
// A new record is a change. Otherwise an assessment or sub-assessment changes
// when its status code does, an alert when its status does, a compliance
// assessment when its state does, and a secure score or control when its
// current score moves by 0.01 or more. Re-sending an unchanged record is no
// change.
//
// Assessments and sub-assessments get properties.status.firstEvaluationDate
// (old's, or now for a new record) and properties.status.statusChangeDate (now
// when new or when the code changed, else old's), unless the producer supplied
// them. Times are RFC 3339 in UTC.
func Merge(old *model.Record, rec model.Record, now time.Time) (merged model.Record, changed bool) {
	if old != nil && old.Kind != rec.Kind {
		old = nil // a different resource under the same id: start afresh
	}
	changed = old == nil || stateChanged(rec.Kind, old.State, rec.State)
	if rec.Kind == model.KindAssessment || rec.Kind == model.KindSubAssessment {
		rec.Body = stampDates(old, rec.Body, changed, now)
	}
	return rec, changed
}

func stateChanged(k model.Kind, old, cur string) bool {
	if k != model.KindSecureScore && k != model.KindSecureScoreControl {
		return old != cur
	}
	a, errA := strconv.ParseFloat(old, 64)
	b, errB := strconv.ParseFloat(cur, 64)
	if errA != nil || errB != nil {
		return old != cur
	}
	// Scores carry two decimals; the epsilon keeps 23.53 → 23.54, whose
	// float64 difference is 0.00999…, a change.
	return math.Abs(b-a) >= scoreStep-1e-9
}

// stampDates returns body with the evaluation dates filled in its status;
// body itself when the producer supplied both.
func stampDates(old *model.Record, body []byte, changed bool, now time.Time) []byte {
	start, end, ok := armjson.Span(body, "properties", "status")
	if !ok || !armjson.IsObject(body[start:end]) {
		return body
	}
	status, err := armjson.Split(body[start:end])
	if err != nil {
		return body
	}
	hasChange, hasFirst := status.Has(statusChangeDate), status.Has(firstEvaluationDate)
	if hasChange && hasFirst {
		return body
	}
	var prev []byte // old's status
	if old != nil {
		prev = armjson.Lookup(old.Body, "properties", "status")
	}
	var stamp []byte
	nowOr := func(v []byte) []byte {
		if v != nil && !armjson.IsNull(v) {
			return v
		}
		if stamp == nil {
			stamp = append(now.UTC().AppendFormat([]byte{'"'}, time.RFC3339Nano), '"')
		}
		return stamp
	}
	if !hasChange {
		var v []byte
		if !changed {
			v = armjson.Lookup(prev, statusChangeDate)
		}
		status.Set(statusChangeDate, nowOr(v))
	}
	if !hasFirst {
		status.Set(firstEvaluationDate, nowOr(armjson.Lookup(prev, firstEvaluationDate)))
	}
	return splice(body, start, end, status)
}

// splice returns a copy of body with body[start:end] replaced by o.
func splice(body []byte, start, end int, o armjson.Object) []byte {
	b := make([]byte, 0, len(body)-(end-start)+o.Size())
	b = append(b, body[:start]...)
	b = o.AppendTo(b)
	return append(b, body[end:]...)
}
