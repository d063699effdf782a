package parser

// ParseTimespan parses text as the inside of a timespan(...) literal: 1d,
// 1.5h, 02:03:04, 1.02:03:04.5, or a bare number of days. It returns the
// value in ticks of 100 ns.
func ParseTimespan(s string) (int64, bool) { return parseTimespan(s) }
