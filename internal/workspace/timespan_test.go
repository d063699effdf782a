package workspace

import (
	"testing"
	"time"
)

func TestParseTimespan(t *testing.T) {
	now := time.Date(2024, 5, 2, 12, 0, 0, 0, time.UTC)
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339Nano, s); return v }
	tests := []struct {
		in         string
		start, end time.Time
	}{
		{"PT12H", now.Add(-12 * time.Hour), now},
		{"P1D", now.AddDate(0, 0, -1), now},
		{"p7d", now.AddDate(0, 0, -7), now},
		{"P1DT6H30M", now.AddDate(0, 0, -1).Add(-6*time.Hour - 30*time.Minute), now},
		{"PT1.5S", now.Add(-1500 * time.Millisecond), now},
		{"P2W", now.AddDate(0, 0, -14), now},
		{"P1M", at("2024-04-02T12:00:00Z"), now},
		{"2024-05-01T00:00:00Z/2024-05-02T00:00:00Z", at("2024-05-01T00:00:00Z"), at("2024-05-02T00:00:00Z")},
		{"2024-05-01T00:00:00Z/PT1H", at("2024-05-01T00:00:00Z"), at("2024-05-01T01:00:00Z")},
		{"PT1H/2024-05-01T00:00:00+02:00", at("2024-04-30T21:00:00Z"), at("2024-04-30T22:00:00Z")},
	}
	for _, tt := range tests {
		sp, err := ParseTimespan(tt.in, now)
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if !sp.Start.Equal(tt.start) || !sp.End.Equal(tt.end) {
			t.Errorf("%s: %v .. %v, want %v .. %v", tt.in, sp.Start, sp.End, tt.start, tt.end)
		}
	}
	if sp, err := ParseTimespan("", now); sp != nil || err != nil {
		t.Errorf("empty: %v %v", sp, err)
	}
	for _, bad := range []string{"12H", "P", "PT", "P1H", "PT1D", "P1.5D", "PTH", "P1DT", "yesterday", "2024-05-02/2024-05-03",
		"2024-05-02T00:00:00Z/2024-05-01T00:00:00Z"} {
		if _, err := ParseTimespan(bad, now); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}
