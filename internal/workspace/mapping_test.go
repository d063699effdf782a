package workspace

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secexport/secexport/internal/model"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current output")

// TestMapGolden maps the payloads package export makes of Azure's example
// records and compares each row, as an indented JSON object with every
// column, with testdata/<case>.golden.json; -update rewrites them.
func TestMapGolden(t *testing.T) {
	recs := exampleRecords(t)
	tests := []struct {
		name   string
		kind   model.Kind
		source model.EventSource
		action model.ChangeAction
	}{
		{"SecurityAlert", model.KindAlert, model.SourceAlerts, model.ActionInsert},
		{"SecurityRecommendation", model.KindAssessment, model.SourceAssessments, model.ActionInsert},
		{"SecurityRecommendation_snapshot", model.KindAssessment, model.SourceAssessmentsSnapshot, model.ActionInsert},
		{"SecurityRecommendation_delete", model.KindAssessment, model.SourceAssessments, model.ActionDelete},
		{"SecurityNestedRecommendation", model.KindSubAssessment, model.SourceSubAssessments, model.ActionInsert},
		{"SecureScores", model.KindSecureScore, model.SourceSecureScores, model.ActionInsert},
		{"SecureScoreControls", model.KindSecureScoreControl, model.SourceSecureScoreControls, model.ActionInsert},
		{"SecurityRegulatoryCompliance", model.KindRegulatoryCompliance, model.SourceRegulatoryComplianceAssessment, model.ActionInsert},
		{"SecurityRegulatoryCompliance_snapshot", model.KindRegulatoryCompliance, model.SourceRegulatoryComplianceAssessmentSnapshot, model.ActionInsert},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := exampleEvent(t, recs[tt.kind], tt.source, tt.action)
			row, err := Map(ev.Source, ev.Payload, Meta{TenantID: testWorkspace, Time: ev.Time})
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.SplitN(tt.name, "_", 2)[0]; row.Table.Name != want {
				t.Fatalf("table %s, want %s", row.Table.Name, want)
			}
			checkTypes(t, row)
			var got bytes.Buffer
			if err := json.Indent(&got, row.AppendJSON(nil, nil), "", "  "); err != nil {
				t.Fatal(err)
			}
			got.WriteByte('\n')
			path := filepath.Join("testdata", tt.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs\n got %s\nwant %s", path, got.Bytes(), want)
			}
		})
	}
}

// checkTypes checks that every value has its column's Go type.
func checkTypes(t *testing.T, r Row) {
	t.Helper()
	if len(r.Values) != len(r.Table.Columns) {
		t.Fatalf("%d values for %d columns", len(r.Values), len(r.Table.Columns))
	}
	for i, c := range r.Table.Columns {
		v := r.Values[i]
		if v == nil {
			if c.Type == TString {
				t.Errorf("%s: string column is nil, want \"\"", c.Name)
			}
			continue
		}
		ok := false
		switch c.Type {
		case TString:
			_, ok = v.(string)
		case TInt:
			_, ok = v.(int32)
		case TLong:
			_, ok = v.(int64)
		case TReal:
			_, ok = v.(float64)
		case TBool:
			_, ok = v.(bool)
		case TDatetime:
			_, ok = v.(interface{ UnixNano() int64 })
		case TDynamic:
			_, ok = v.(json.RawMessage)
		}
		if !ok {
			t.Errorf("%s (%s) holds %T", c.Name, c.Type, v)
		}
	}
}

func TestMapUnknownSource(t *testing.T) {
	if _, err := Map(model.SourceAttackPaths, []byte(`{}`), Meta{}); err == nil || !strings.Contains(err.Error(), "AttackPaths events have no Log Analytics table") {
		t.Errorf("err = %v", err)
	}
	if _, err := Map(model.SourceAlerts, []byte(`[1]`), Meta{}); err == nil {
		t.Error("a payload that is not an object maps")
	}
}

// TestTablesMatchSpec keeps tables.json equal to the spec's
// workspace-tables.json.
func TestTablesMatchSpec(t *testing.T) {
	spec, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "spec", "workspace-tables.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(spec, tablesJSON) {
		t.Fatal("internal/workspace/tables.json differs from ../shared/spec/workspace-tables.json; copy it over")
	}
	if len(Tables()) != 6 {
		t.Fatalf("%d tables", len(Tables()))
	}
	for _, tb := range Tables() {
		for _, std := range []string{"TenantId", "SourceSystem", "Type", "TimeGenerated", "_ResourceId", "_SubscriptionId", "_IsBillable", "_BilledSize"} {
			if tb.Index(std) < 0 {
				t.Errorf("%s lacks the standard column %s", tb.Name, std)
			}
		}
	}
}
