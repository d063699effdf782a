package parser

import (
	"strings"
	"testing"
)

func TestLex(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want string // kind:value of each token, space separated
	}{
		{"T | where x == 'a'", "identifier:T |:| identifier:where identifier:x ==:== string literal:a"},
		{`"a\tb" @"c:\d" 'it''s' h'secret' ` + "```multi\nline```", "string literal:a\tb string literal:c:\\d string literal:it's string literal:secret string literal:multi\nline"},
		{"7d 1.5h 100ms 30m 10s 2days 1tick", "timespan literal:7d timespan literal:1.5h timespan literal:100ms timespan literal:30m timespan literal:10s timespan literal:2days timespan literal:1tick"},
		{"1 2.5 1e3 1.5e-2 0x1F", "number:1 number:2.5 number:1e3 number:1.5e-2 number:31"},
		{"x !has y in~ z !in~ w !contains v", "identifier:x identifier:!has identifier:y identifier:in~ identifier:z identifier:!in~ identifier:w identifier:!contains identifier:v"},
		{"$left.A == $right.B", "identifier:$left .:. identifier:A ==:== identifier:$right .:. identifier:B"},
		{"a // comment\r\n| b", "identifier:a |:| identifier:b"},
		{"(1 .. 5)", "(:( number:1 ..:.. number:5 ):)"},
		{"3. (3. .. 5.) 1..2 3.|", "number:3. (:( number:3. ..:.. number:5. ):) number:1 ..:.. number:2 number:3. |:|"},
		{"datetime(2024-01-02 03:04) guid(00000000-0000-0000-0000-000000000000)", "literal:datetime\x002024-01-02 03:04 literal:guid\x0000000000-0000-0000-0000-000000000000"},
		{"a<>b a<=b a>=b a=~b a!~b a!=b", "identifier:a <>:<> identifier:b identifier:a <=:<= identifier:b identifier:a >=:>= identifier:b identifier:a =~:=~ identifier:b identifier:a !~:!~ identifier:b identifier:a !=:!= identifier:b"},
		{"Größe", "identifier:Größe"},
	} {
		toks, err := Lex(tc.src)
		if err != nil {
			t.Errorf("Lex(%q): %v", tc.src, err)
			continue
		}
		var got []string
		for _, tok := range toks[:len(toks)-1] {
			got = append(got, tok.Kind.String()+":"+tok.Value)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("Lex(%q)\n got %q\nwant %q", tc.src, strings.Join(got, " "), tc.want)
		}
	}
}

func TestLexTimespanTicks(t *testing.T) {
	for src, want := range map[string]int64{
		"1d": 864000000000, "4h": 144000000000, "30m": 18000000000, "10s": 100000000,
		"100ms": 1000000, "1.5h": 54000000000, "2microseconds": 20, "5ticks": 5,
	} {
		toks, err := Lex(src)
		if err != nil || toks[0].Ticks != want {
			t.Errorf("Lex(%q) = %d, %v; want %d ticks", src, toks[0].Ticks, err, want)
		}
	}
}

func TestLexErrors(t *testing.T) {
	for src, want := range map[string]string{
		"'abc":      "Query could not be parsed at ''abc' on line [1,1]: unterminated string literal",
		"a\n  ?":    "Query could not be parsed at '?' on line [2,3]: unexpected character",
		"10xyz":     "unknown timespan unit",
		`"\q"`:      "invalid escape sequence",
		"datetime(": "missing ')'",
	} {
		_, err := Lex(src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Lex(%q) error = %v, want %q", src, err, want)
		}
	}
}

func TestLineCol(t *testing.T) {
	src := "ab\r\ncd\nüx"
	for pos, want := range map[int][2]int{0: {1, 1}, 2: {1, 3}, 4: {2, 1}, 7: {3, 1}, 9: {3, 2}} {
		l, c := LineCol(src, pos)
		if l != want[0] || c != want[1] {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", pos, l, c, want[0], want[1])
		}
	}
}

func TestFormatTimespan(t *testing.T) {
	for ticks, want := range map[int64]string{
		0: "00:00:00", 36000000000: "01:00:00", 864000000000 + 36000000000: "1.01:00:00",
		-18000000000: "-00:30:00", 15000000: "00:00:01.5000000", 1: "00:00:00.0000001",
	} {
		if got := FormatTimespan(ticks); got != want {
			t.Errorf("FormatTimespan(%d) = %q, want %q", ticks, got, want)
		}
	}
}
