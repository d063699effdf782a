package armjson

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var compactCases = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `1.5e+10`, `true`, `false`, `null`,
	` { "a" : [ 1 , 2 , { "b" : null } ] , "c" : "x y" } `,
	"{\n\t\"k\":\r\n\"v\"\n}",
	`{"s":"\"\\\/\b\f\n\r\t\u00e9"}`,
	`"é ✓ 😀"`,
	`[[[[]]]]`,
	`{"a":1}`,
	// invalid
	``, ` `, `{`, `}`, `[1,]`, `{"a":1,}`, `{"a"}`, `{a:1}`, `01`, `1.`, `.5`, `1e`, `-`, `+1`,
	`tru`, `nul`, `"abc`, `"\x"`, `"\u12g4"`, "\"\x01\"", `[1 2]`, `{"a":1 "b":2}`, `1 2`, `"a"x`,
}

func TestCompactMatchesEncodingJSON(t *testing.T) {
	for _, in := range compactCases {
		checkCompact(t, []byte(in))
	}
}

func checkCompact(t *testing.T, in []byte) {
	t.Helper()
	got, err := Compact(in)
	var want bytes.Buffer
	wantErr := json.Compact(&want, in)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("Compact(%q) error %v, encoding/json says %v", in, err, wantErr)
	}
	if err == nil && !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("Compact(%q) = %q, want %q", in, got, want.Bytes())
	}
}

// FuzzCompact checks Compact against encoding/json, and that Split and
// Lookup take apart what Compact accepts, and never panic on what it does not.
func FuzzCompact(f *testing.F) {
	for _, c := range compactCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := Compact(in)
		var want bytes.Buffer
		wantErr := json.Compact(&want, in)
		switch {
		case wantErr != nil && err == nil:
			t.Fatalf("Compact(%q) accepted invalid JSON", in)
		case wantErr == nil && err != nil && utf8.Valid(in):
			t.Fatalf("Compact(%q): %v", in, err) // encoding/json lets invalid UTF-8 through; Compact does not
		case err == nil && !bytes.Equal(out, want.Bytes()):
			t.Fatalf("Compact(%q) = %q, want %q", in, out, want.Bytes())
		}
		o, splitErr := Split(in)
		Lookup(in, "a", "b")
		if err == nil && IsObject(out) {
			if splitErr != nil {
				t.Fatalf("Split(%q): %v", in, splitErr)
			}
			if got := o.AppendTo(nil); !bytes.Equal(got, out) && bytes.Equal(in, out) {
				t.Fatalf("Split(%q) reassembles to %q", in, got)
			}
		}
	})
}

// TestCompactLongStrings puts each kind of special byte at each position of
// a string long enough for the word-at-a-time scan.
func TestCompactLongStrings(t *testing.T) {
	for _, special := range []string{`\"`, `\\`, "\x01", "\x1f", "\t", " ", "é", "\x7f", "€"} {
		for pos := range 24 {
			s := strings.Repeat("a", pos) + special + strings.Repeat("b", 24-pos)
			checkCompact(t, []byte(`["`+s+`", "`+s+`"]`))
		}
	}
}

func TestCompactNoCopy(t *testing.T) {
	in := []byte(`{"a":[1,2]}` + "\n")
	out, err := Compact(in)
	if err != nil || &out[0] != &in[0] || string(out) != `{"a":[1,2]}` {
		t.Errorf("Compact copied or changed already compact input: %q %v", out, err)
	}
}

func TestCompactRejectsInvalidUTF8(t *testing.T) {
	if _, err := Compact([]byte("\"\xff\"")); err == nil {
		t.Error("invalid UTF-8 accepted")
	}
}

func TestCompactDepth(t *testing.T) {
	deep := bytes.Repeat([]byte("["), maxDepth+1)
	deep = append(deep, bytes.Repeat([]byte("]"), maxDepth+1)...)
	if _, err := Compact(deep); err == nil {
		t.Error("nesting beyond maxDepth accepted")
	}
	ok := deep[1 : len(deep)-1]
	if _, err := Compact(ok); err != nil {
		t.Errorf("nesting of maxDepth rejected: %v", err)
	}
}

func TestSplitAndLookup(t *testing.T) {
	in := []byte(` { "id" : "x" , "Name":"a\"b", "properties": {"status": {"code":"Healthy"}, "arr":[ "}" , {"]":1} ]}, "n": -1.5e3 , "id":"y"} `)
	o, err := Split(in)
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"id", "Name", "properties", "n", "id"}
	if len(o) != len(keys) {
		t.Fatalf("members %d, want %d", len(o), len(keys))
	}
	for i, k := range keys {
		if string(o[i].Key) != k {
			t.Errorf("key %d = %q, want %q", i, o[i].Key, k)
		}
	}
	if got := string(o.Get("id")); got != `"y"` {
		t.Errorf("Get(id) = %s, the last member wins", got)
	}
	if got := string(o.Get("name")); got != `"a\"b"` {
		t.Errorf("Get(name) = %s, keys match case-insensitively", got)
	}
	if got := string(Lookup([]byte(`{"a":"x\\","b":"y\"z\\"}`), "b")); got != `"y\"z\\"` {
		t.Errorf("escaped quotes and backslashes: Lookup(b) = %s", got)
	}
	if got := string(o.Get("n")); got != `-1.5e3` {
		t.Errorf("Get(n) = %s", got)
	}
	if got := string(Lookup(in, "properties", "status", "code")); got != `"Healthy"` {
		t.Errorf("Lookup = %s", got)
	}
	if got := string(Lookup(in, "Properties", "ARR")); got != `[ "}" , {"]":1} ]` {
		t.Errorf("Lookup arr = %s", got)
	}
	if Lookup(in, "properties", "missing") != nil || Lookup(in, "id", "x") != nil || Lookup(nil, "a") != nil {
		t.Error("Lookup found what is not there")
	}
	if elems, err := Elements([]byte(`{"a":1}`)); err == nil {
		t.Errorf("Elements of a non-array: %q", elems)
	}
	elems, err := Elements(Lookup(in, "properties", "arr"))
	if err != nil || len(elems) != 2 || string(elems[1]) != `{"]":1}` {
		t.Errorf("Elements = %q, %v", elems, err)
	}

	o.Set("NAME", []byte(`"c"`))
	o.Set("new", []byte(`true`))
	if got := string(o.AppendTo(nil)); got != `{"id":"x","Name":"c","properties":{"status": {"code":"Healthy"}, "arr":[ "}" , {"]":1} ]},"n":-1.5e3,"id":"y","new":true}` {
		t.Errorf("AppendTo = %s", got)
	}
	if o.Size() != len(o.AppendTo(nil)) {
		t.Errorf("Size %d, AppendTo writes %d", o.Size(), len(o.AppendTo(nil)))
	}
}

func TestSplitMalformed(t *testing.T) {
	for _, in := range []string{``, `[]`, `{"a"`, `{"a":`, `{"a":1`, `{"a" 1}`, `{"a":"x}`, `{"a":{"b":1}`, `{1:2}`} {
		if o, err := Split([]byte(in)); err == nil {
			t.Errorf("Split(%q) = %q, want an error", in, o)
		}
	}
}

func TestQuote(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\s`, "ctl\x00\x1f\n\r\t", "<&>", "é✓😀", "bad\xffutf8", "\u2028"} {
		q := Quote(s)
		var back string
		if err := json.Unmarshal(q, &back); err != nil {
			t.Errorf("Quote(%q) = %s: %v", s, q, err)
			continue
		}
		want := string(bytes.ToValidUTF8([]byte(s), []byte("\uFFFD")))
		if back != want {
			t.Errorf("Quote(%q) round-trips to %q", s, back)
		}
		if u, ok := Unquote(q); !ok || u != want {
			t.Errorf("Unquote(Quote(%q)) = %q, %v", s, u, ok)
		}
	}
	if got := string(Quote("<a&b>")); got != `"<a&b>"` {
		t.Errorf("Quote escapes HTML: %s", got)
	}
	if _, ok := Unquote([]byte(`1`)); ok {
		t.Error("Unquote of a number")
	}
}

func TestEqualFold(t *testing.T) {
	if !EqualFold([]byte("Microsoft.Security"), "microsoft.SECURITY") || EqualFold([]byte("ab"), "abc") || EqualFold([]byte("a["), "a{") {
		t.Error("EqualFold")
	}
	if !StringFold([]byte(`"Active"`), "active") || StringFold([]byte(`Active`), "active") {
		t.Error("StringFold")
	}
}

// TestCompactExamples compacts every example payload as encoding/json does.
func TestCompactExamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "..", "shared", "spec", "examples", "*", "*.json"))
	if len(files) == 0 {
		t.Fatal("no example files found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkCompact(t, b)
	}
}

func BenchmarkCompact(b *testing.B) {
	in, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "spec", "examples", "alerts", "GetAlertSubscriptionLocation_example.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Compact(in); err != nil {
			b.Fatal(err)
		}
	}
}
