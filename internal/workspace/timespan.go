package workspace

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Span is a query's time range: rows with start <= TimeGenerated < end.
type Span struct {
	Start, End time.Time
}

// ParseTimespan parses the timespan of a Logs query request, as ISO 8601
// writes time intervals: a duration ending now ("PT12H", "P1D", "P1DT12H",
// "P2W"), "start/end", "start/duration" or "duration/end"; start and end are
// RFC 3339 times. "" is no range.
func ParseTimespan(s string, now time.Time) (*Span, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	first, second, pair := strings.Cut(s, "/")
	var sp Span
	var err error
	switch {
	case !pair:
		sp.End = now
		sp.Start, err = minusDuration(sp.End, first)
	case isDuration(first):
		if sp.End, err = parseTime(second); err == nil {
			sp.Start, err = minusDuration(sp.End, first)
		}
	case isDuration(second):
		if sp.Start, err = parseTime(first); err == nil {
			var back time.Time
			back, err = minusDuration(sp.Start, second)
			sp.End = sp.Start.Add(sp.Start.Sub(back))
		}
	default:
		if sp.Start, err = parseTime(first); err == nil {
			sp.End, err = parseTime(second)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("timespan %q: %w", s, err)
	}
	if sp.End.Before(sp.Start) {
		return nil, fmt.Errorf("timespan %q ends before it starts", s)
	}
	sp.Start, sp.End = sp.Start.UTC(), sp.End.UTC()
	return &sp, nil
}

func isDuration(s string) bool { return strings.HasPrefix(strings.ToUpper(s), "P") }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time", s)
	}
	return t, nil
}

// minusDuration returns t less the ISO 8601 duration d: years, months, weeks
// and days in calendar terms, hours, minutes and (fractional) seconds exactly.
func minusDuration(t time.Time, d string) (time.Time, error) {
	bad := fmt.Errorf("%q is not an ISO 8601 duration such as PT12H, P1D or P1DT6H30M", d)
	u := strings.ToUpper(d)
	if !strings.HasPrefix(u, "P") || len(u) < 3 {
		return time.Time{}, bad
	}
	var years, months, days int
	var exact time.Duration
	inTime := false
	num := ""
	for _, c := range u[1:] {
		switch {
		case c == 'T' && !inTime && num == "":
			inTime = true
			continue
		case c >= '0' && c <= '9' || c == '.' || c == ',':
			if c == ',' {
				c = '.'
			}
			num += string(c)
			continue
		}
		if num == "" {
			return time.Time{}, bad
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return time.Time{}, bad
		}
		n := int(f)
		whole := float64(n) == f
		switch {
		case !inTime && c == 'Y' && whole:
			years += n
		case !inTime && c == 'M' && whole:
			months += n
		case !inTime && c == 'W' && whole:
			days += 7 * n
		case !inTime && c == 'D' && whole:
			days += n
		case inTime && c == 'H':
			exact += time.Duration(f * float64(time.Hour))
		case inTime && c == 'M':
			exact += time.Duration(f * float64(time.Minute))
		case inTime && c == 'S':
			exact += time.Duration(f * float64(time.Second))
		default:
			return time.Time{}, bad
		}
		num = ""
	}
	if num != "" || (inTime && strings.HasSuffix(u, "T")) {
		return time.Time{}, bad
	}
	return t.AddDate(-years, -months, -days).Add(-exact), nil
}
