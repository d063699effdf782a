package posture

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// examples is where Azure's example payloads live: ../shared beside the
// repository, as every checkout and CI run has it.
var examples = filepath.Join("..", "..", "..", "shared", "spec", "examples")

// example returns the parsed example file path (under examples).
func example(t testing.TB, path string) exampleFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examples, path))
	if err != nil {
		t.Fatalf("read example: %v", err)
	}
	var f exampleFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

type exampleFile struct {
	Parameters map[string]json.RawMessage
	Responses  map[string]struct{ Body json.RawMessage }
}

// body is the 200 response body.
func (f exampleFile) body(t testing.TB) []byte {
	t.Helper()
	b := f.Responses["200"].Body
	if b == nil {
		t.Fatal("example has no 200 body")
	}
	return b
}

// values are the items of a 200 list response.
func (f exampleFile) values(t testing.TB) []json.RawMessage {
	t.Helper()
	var list struct{ Value []json.RawMessage }
	if err := json.Unmarshal(f.body(t), &list); err != nil || len(list.Value) == 0 {
		t.Fatalf("example is not a list: %v", err)
	}
	return list.Value
}

func (f exampleFile) param(t testing.TB, name string) json.RawMessage {
	t.Helper()
	p, ok := f.Parameters[name]
	if !ok {
		t.Fatalf("example has no parameter %s", name)
	}
	return p
}

func (f exampleFile) stringParam(t testing.TB, name string) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(f.param(t, name), &s); err != nil {
		t.Fatalf("parameter %s: %v", name, err)
	}
	return s
}
