package kql

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestFunctionsRefused checks that the corners of functions secexport
// cannot run exactly are refused as not supported, with their position.
func TestFunctionsRefused(t *testing.T) {
	schema := loadSchema(t)
	for _, tc := range []struct {
		query     string
		line, col int
		msg       string
	}{
		{"SecureScores | extend s = series_decompose_forecast(Properties, 2)", 1, 27, "series functions are not supported"},
		{"SecureScores | extend s = series_stats(Properties)", 1, 27, "series functions are not supported"},
		{"SecureScores | extend d = todecimal(CurrentScore)", 1, 27, "'todecimal' is not supported"},
		{"SecureScores | extend t = totimespan(DisplayName)", 1, 38, "totimespan() of a string that is not a constant"},
		{"SecureScores | extend t = format_timespan(1h, \"hh:mm\")", 1, 47, "the format specifier 'hh' of format_timespan"},
		{"SecureScores | extend h = hash_sha256(Weight)", 1, 39, "hash_sha256() of a long"},
		{"SecureScores | extend k = bag_has_key(Properties, \"$.score.max\")", 1, 51, "JSONPath"},
		{"SecureScores | extend k = bag_remove_keys(Properties, pack_array(DisplayName))", 1, 55, "not constant"},
		{"SecureScores | extend s = array_sort_asc(Properties, Properties)", 1, 54, "several arrays"},
		{"SecureScores | extend c = countof(DisplayName, DisplayName)", 1, 48, "not constant"},
		{"SecureScores | extend j = extract_json(\"$..score\", tostring(Properties))", 1, 40, "JSON path"},
		{"SecureScores | summarize hll(Properties)", 1, 30, "'hll' of a dynamic value"},
		{"SecureScores | summarize percentiles_array(TimeGenerated, 50)", 1, 44, "percentiles_array of a datetime"},
		{"SecureScores | extend x = parse_ipv6(DisplayName)", 1, 27, "'parse_ipv6' is not supported yet"},
		{"let f = (x: string) { x }; SecureScores | extend y = f(Weight)", 1, 56, "Passing a value of type long"},
		{"SecurityAlert | take 1 | extend t = ipv4_is_in_any_range(CompromisedEntity, pack_array(CompromisedEntity))", 1, 77, "not constant"},
	} {
		wantError(t, schema, tc.query, CodeNotSupported, tc.line, tc.col, tc.msg)
	}
}

// TestLetFunctionExpansionBound checks that functions calling functions
// twice each, which would expand exponentially, are refused instead.
func TestLetFunctionExpansionBound(t *testing.T) {
	query := func(levels int) string {
		var b strings.Builder
		b.WriteString("let f0 = (x: long) { x + 1 };\n")
		for i := 1; i <= levels; i++ {
			fmt.Fprintf(&b, "let f%d = (x: long) { f%d(x) + f%d(x) };\n", i, i-1, i-1)
		}
		fmt.Fprintf(&b, "SecureScores | extend y = f%d(Weight)", levels)
		return b.String()
	}
	_, err := Compile(query(12), loadSchema(t), testNow)
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeNotSupported || !strings.Contains(e.Message, "too many times") {
		t.Fatalf("got %v, want NotSupported for too many expansions", err)
	}
	// Five levels (declarations checked, then 63 calls) stay within the bound.
	if _, err := Compile(query(5), loadSchema(t), testNow); err != nil {
		t.Fatalf("five levels: %v", err)
	}
}
