package posture

import (
	"bytes"
	"os"
	"testing"

	"github.com/secexport/secexport/internal/model"
)

// benchAssessment is a 1.9 KB assessment shaped like the ones Azure exports.
func benchAssessment(b *testing.B) []byte {
	b.Helper()
	in, err := os.ReadFile("testdata/assessment.json")
	if err != nil {
		b.Fatal(err)
	}
	return bytes.TrimSpace(in)
}

func BenchmarkParseAssessment(b *testing.B) {
	in := benchAssessment(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMerge(b *testing.B) {
	in := benchAssessment(b)
	rec, err := Parse(in)
	if err != nil {
		b.Fatal(err)
	}
	stored, _ := Merge(nil, rec, t0)
	healthy, err := Parse(bytes.Replace(in, []byte(`"NotApplicable"`), []byte(`"Healthy"`), 1))
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		old  *model.Record
		rec  model.Record
	}{
		{"new", nil, rec},
		{"resend", &stored, rec},
		{"statusChange", &stored, healthy},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Merge(c.old, c.rec, t1)
			}
		})
	}
}
