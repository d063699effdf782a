package kql

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The oracle is Microsoft's own KQL parser and semantic analyser,
// Kusto.Language, run by the shared tools/kql-oracle/oracle.js under node.
// These tests assert that secexport agrees with it on every golden query:
// valid or not, and for valid ones the result's column names, order and types.
//
// Kusto.Language has no notion of hidden columns: given testdata/tables.json
// as is, it lists _ResourceId, _SubscriptionId, _IsBillable and _BilledSize
// among a bare table's result columns, where Log Analytics (and secexport,
// which marks them Column.Hidden) leaves them out unless the query names
// them. So the comparison drops from the oracle's columns those names (and
// the same names with the numeric suffix join gives a right-side duplicate,
// _ResourceId1) that secexport does not return; when secexport does return
// one, because the query named it, it must match in position and type like
// any other column.

const oraclePackage = "@kusto/language-service-next@12.4.1"

type oracleReply struct {
	Valid       bool     `json:"valid"`
	Diagnostics []string `json:"diagnostics"`
	Columns     []struct {
		Name string `json:"name"`
		Type string `json:"type"`
	} `json:"columns"`
}

// oracleScript finds oracle.js in the shared folder beside the repository.
func oracleScript(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("SECEXPORT_KQL_ORACLE"); p != "" {
		return p
	}
	for _, p := range []string{"../../../shared/tools/kql-oracle/oracle.js", "../../../../shared/tools/kql-oracle/oracle.js"} {
		if _, err := os.Stat(p); err == nil {
			abs, _ := filepath.Abs(p)
			return abs
		}
	}
	// make test runs beside ../shared, as CI does: a missing oracle is a broken setup.
	t.Fatal("kql-oracle not found beside the repository (set SECEXPORT_KQL_ORACLE to oracle.js)")
	return ""
}

// oracleModules returns a node_modules folder holding Kusto.Language,
// installing it with npm into a cache under the OS temp folder if needed.
func oracleModules(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not installed (make test installs it: scripts/deps.sh)")
	}
	dir := os.Getenv("SECEXPORT_KQL_ORACLE_MODULES")
	if dir == "" {
		prefix := filepath.Join(os.TempDir(), "secexport-kql-oracle")
		dir = filepath.Join(prefix, "node_modules")
		if _, err := os.Stat(filepath.Join(dir, "@kusto", "language-service-next", "bridge.js")); err != nil {
			npm, err := exec.LookPath("npm")
			if err != nil {
				t.Fatal("npm is not installed (make test installs it: scripts/deps.sh)")
			}
			cmd := exec.Command(npm, "install", "--no-audit", "--no-fund", "--prefix", prefix, oraclePackage)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("installing %s: %v\n%s", oraclePackage, err, out)
			}
		}
	}
	return dir
}

// askOracle analyses queries against the test schema.
func askOracle(t testing.TB, queries []string) []oracleReply {
	t.Helper()
	script, modules := oracleScript(t), oracleModules(t)
	tables, err := os.ReadFile(filepath.Join("testdata", "tables.json"))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := json.Marshal(map[string]any{"tables": json.RawMessage(tables), "queries": queries})
	cmd := exec.Command("node", script, "--modules", modules)
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle: %v\n%s", err, stderr.String())
	}
	var replies []oracleReply
	if err := json.Unmarshal(out, &replies); err != nil {
		t.Fatalf("oracle reply: %v", err)
	}
	if len(replies) != len(queries) {
		t.Fatalf("oracle answered %d queries of %d", len(replies), len(queries))
	}
	return replies
}

func TestOracleAgreement(t *testing.T) {
	if testing.Short() {
		t.Skip("needs node and Kusto.Language")
	}
	schema := loadSchema(t)
	cases := goldenCases(t)
	queries := make([]string, len(cases))
	for i, gc := range cases {
		queries[i] = gc.input
	}
	replies := askOracle(t, queries)
	agreeValid, agreeInvalid := 0, 0
	for i, gc := range cases {
		want := replies[i]
		q, err := Compile(gc.input, schema, testNow)
		var ce *Error
		if err != nil && !errors.As(err, &ce) {
			t.Errorf("%s: Compile returned %T: %v", gc.name, err, err)
			continue
		}
		switch {
		case err != nil && want.Valid:
			t.Errorf("%s: secexport rejects a query Kusto accepts: %v", gc.name, err)
		case err == nil && !want.Valid:
			t.Errorf("%s: secexport accepts a query Kusto rejects: %s", gc.name, strings.Join(want.Diagnostics, "; "))
		case err != nil:
			agreeInvalid++
		default:
			got := columnsString(q.Columns)
			returned := map[string]bool{}
			for _, c := range q.Columns {
				returned[c.Name] = true
			}
			var w []string
			for _, c := range want.Columns {
				if oracleHidden(c.Name) && !returned[c.Name] {
					continue
				}
				w = append(w, c.Name+":"+c.Type)
			}
			if got != strings.Join(w, ", ") {
				t.Errorf("%s: result columns differ\n   kusto: %s\nsecexport: %s", gc.name, strings.Join(w, ", "), got)
				continue
			}
			agreeValid++
		}
	}
	t.Logf("oracle agreement: %d valid queries with identical columns, %d invalid queries rejected by both, of %d", agreeValid, agreeInvalid, len(cases))
}

// oracleHidden reports whether an oracle result column is one of the hidden
// columns secexport leaves out unless named: _ResourceId, _SubscriptionId,
// _IsBillable, _BilledSize, or one of them with join's numeric suffix.
func oracleHidden(name string) bool {
	base := strings.TrimRight(name, "0123456789")
	return hiddenColumns[base]
}

func columnsString(cols []Column) string {
	var s []string
	for _, c := range cols {
		s = append(s, c.Name+":"+c.Type)
	}
	return strings.Join(s, ", ")
}
