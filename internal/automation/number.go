package automation

import (
	"encoding/json"
	"math"
	"strconv"
)

// number is a numeric value that keeps integers exact: two integers compare as
// int64, anything else as float64.
type number struct {
	i     int64
	f     float64
	isInt bool
}

func intNumber(i int64) number { return number{i: i, f: float64(i), isInt: true} }

func floatNumber(f float64) number {
	if f == math.Trunc(f) && f >= -(1<<63) && f < 1<<63 {
		return intNumber(int64(f))
	}
	return number{f: f}
}

func (a number) cmp(b number) int {
	if a.isInt && b.isInt {
		switch {
		case a.i < b.i:
			return -1
		case a.i > b.i:
			return 1
		}
		return 0
	}
	switch {
	case a.f < b.f:
		return -1
	case a.f > b.f:
		return 1
	}
	return 0
}

// numberOf reads a JSON number, or a string holding a decimal number.
func numberOf(v any) (number, bool) {
	switch x := v.(type) {
	case float64:
		return floatNumber(x), true
	case json.Number:
		return parseNumber(string(x))
	case string:
		return parseNumber(x)
	case int:
		return intNumber(int64(x)), true
	case int64:
		return intNumber(x), true
	}
	return number{}, false
}

// parseNumber parses a finite decimal number: an optional sign, digits with an
// optional fraction, and an optional exponent. It refuses what strconv would
// also take (hexadecimal, underscores, Inf, NaN), which is not a number in JSON.
func parseNumber(s string) (number, bool) {
	if !isDecimal(s) {
		return number{}, false
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return intNumber(i), true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return number{}, false
	}
	return floatNumber(f), true
}

func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := func() int {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - start
	}
	n := digits()
	if i < len(s) && s[i] == '.' {
		i++
		n += digits()
	}
	if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
