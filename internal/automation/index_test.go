package automation

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/secexport/secexport/internal/model"
)

const (
	sub1 = "11111111-1111-1111-1111-111111111111"
	sub2 = "22222222-2222-2222-2222-222222222222"
)

// auto builds an enabled automation with the given scopes (subscription ids,
// or "sub/rg"), sources and number of actions.
func auto(scopes []string, sources []Source, actions int) Automation {
	a := Automation{Location: "westeurope"}
	for _, s := range scopes {
		sub, rg, ok := strings.Cut(s, "/")
		path := "/subscriptions/" + sub
		if ok {
			path += "/resourceGroups/" + rg
		}
		a.Properties.Scopes = append(a.Properties.Scopes, Scope{ScopePath: path})
	}
	a.Properties.Sources = sources
	for range actions {
		a.Properties.Actions = append(a.Properties.Actions, Action{ActionType: ActionWorkspace, WorkspaceResourceID: workspace})
	}
	return a
}

func rules(rs ...Rule) RuleSet { return RuleSet{Rules: rs} }

func TestIndexMatch(t *testing.T) {
	highAlert := Rule{"Severity", "String", "High", "Equals"}
	lowAlert := Rule{"Severity", "string", "low", "equals"} // as the built-in policy writes it
	incident := Rule{"IsIncident", "Boolean", "true", "Equals"}
	highAssessment := Rule{"properties.metadata.severity", "String", "High", "Equals"}
	isAssessment := Rule{"type", "String", "Microsoft.Security/assessments", "Contains"}
	disabled := auto([]string{sub1}, []Source{{EventSource: model.SourceAlerts}}, 1)
	disabled.Properties.IsEnabled = ptr(false)
	upper := auto([]string{strings.ToUpper(sub1) + "/RG-Upper"}, []Source{{EventSource: "alerts"}}, 1)

	entries := []Entry{
		{Key: "all-alerts-sub1", ActionIDs: []int64{1, 2}, // two actions
			Automation: auto([]string{sub1}, []Source{{EventSource: model.SourceAlerts}}, 2)},
		{Key: "high-alerts-rg-a", ActionIDs: []int64{3},
			Automation: auto([]string{sub1 + "/rg-a"}, []Source{{EventSource: model.SourceAlerts, RuleSets: []RuleSet{rules(highAlert)}}}, 1)},
		{Key: "high-or-low-incidents-rg-a-b", ActionIDs: []int64{4}, // (high AND incident) OR low
			Automation: auto([]string{sub1 + "/rg-a", sub1 + "/rg-b"}, []Source{{EventSource: model.SourceAlerts,
				RuleSets: []RuleSet{rules(highAlert, incident), rules(lowAlert)}}}, 1)},
		{Key: "disabled", ActionIDs: []int64{5}, Automation: disabled},
		{Key: "high-assessments-sub2", ActionIDs: []int64{6},
			Automation: auto([]string{sub2}, []Source{{EventSource: model.SourceAssessments, RuleSets: []RuleSet{rules(isAssessment, highAssessment)}}}, 1)},
		{Key: "two-sources", ActionIDs: []int64{7}, // alerts in sub2, and high assessments there too
			Automation: auto([]string{sub2}, []Source{{EventSource: model.SourceAlerts},
				{EventSource: model.SourceAssessments, RuleSets: []RuleSet{rules(highAssessment)}},
				{EventSource: model.SourceAssessments, RuleSets: []RuleSet{rules(Rule{"properties.status.code", "String", "Unhealthy", "Equals"})}}}, 1)},
		{Key: "upper-case", ActionIDs: []int64{8}, Automation: upper},
	}
	ix := NewIndex(entries)
	if ix.Len() != len(entries) {
		t.Errorf("Len = %d, want %d", ix.Len(), len(entries))
	}

	alert := func(severity string, incident bool) func() any {
		return func() any { return map[string]any{"Severity": severity, "IsIncident": incident} }
	}
	assessment := func(severity, code string) func() any {
		return func() any {
			return map[string]any{"type": "Microsoft.Security/assessments", "properties": map[string]any{
				"metadata": map[string]any{"severity": severity}, "status": map[string]any{"code": code}}}
		}
	}
	tests := []struct {
		name string
		c    Candidate
		want []int64
	}{
		{"alert in sub1, no group", Candidate{model.SourceAlerts, sub1, "", alert("High", true)}, []int64{1, 2}},
		{"high alert in rg-a", Candidate{model.SourceAlerts, sub1, "rg-a", alert("High", false)}, []int64{1, 2, 3}},
		{"high incident in rg-a", Candidate{model.SourceAlerts, sub1, "rg-a", alert("High", true)}, []int64{1, 2, 3, 4}},
		{"low alert in rg-b", Candidate{model.SourceAlerts, sub1, "rg-b", alert("Low", false)}, []int64{1, 2, 4}},
		{"medium alert in rg-b", Candidate{model.SourceAlerts, sub1, "rg-b", alert("Medium", true)}, []int64{1, 2}},
		{"high incident in rg-c", Candidate{model.SourceAlerts, sub1, "rg-c", alert("High", true)}, []int64{1, 2}},
		{"other source", Candidate{model.SourceSecureScores, sub1, "", alert("High", true)}, nil},
		{"other subscription", Candidate{model.SourceAlerts, "33333333-3333-3333-3333-333333333333", "rg-a", alert("High", true)}, nil},
		{"high assessment in sub2", Candidate{model.SourceAssessments, sub2, "rg", assessment("High", "Healthy")}, []int64{6, 7}},
		{"unhealthy low assessment in sub2", Candidate{model.SourceAssessments, sub2, "rg", assessment("Low", "Unhealthy")}, []int64{7}},
		{"healthy low assessment in sub2", Candidate{model.SourceAssessments, sub2, "rg", assessment("Low", "Healthy")}, nil},
		{"alert in sub2", Candidate{model.SourceAlerts, sub2, "", nil}, []int64{7}},
		{"upper-case scope, lower-case candidate", Candidate{model.SourceAlerts, sub1, "rg-upper", nil}, []int64{1, 2, 8}},
		{"upper-case candidate", Candidate{model.SourceAlerts, strings.ToUpper(sub1), "RG-UPPER", nil}, []int64{1, 2, 8}},
		{"no payload func, rules see nothing", Candidate{model.SourceAlerts, sub1, "rg-a", nil}, []int64{1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ix.Match(tt.c, []int64{99})
			if got[0] != 99 {
				t.Fatalf("Match = %v: dst[0] overwritten", got)
			}
			got = got[1:]
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIndexPayloadLaziness(t *testing.T) {
	entries := []Entry{
		{ActionIDs: []int64{1}, Automation: auto([]string{sub1}, []Source{{EventSource: model.SourceAlerts}}, 1)},
		{ActionIDs: []int64{2}, Automation: auto([]string{sub1 + "/rg-a"}, []Source{{EventSource: model.SourceAlerts,
			RuleSets: []RuleSet{rules(Rule{"Severity", "String", "High", "Equals"})}}}, 1)},
		{ActionIDs: []int64{3}, Automation: auto([]string{sub1 + "/rg-a"}, []Source{{EventSource: model.SourceAlerts,
			RuleSets: []RuleSet{rules(Rule{"Severity", "String", "Low", "NotEquals"}), rules(Rule{"Severity", "String", "High", "Equals"})}}}, 1)},
	}
	ix := NewIndex(entries)
	calls := 0
	payload := func() any { calls++; return map[string]any{"Severity": "High"} }

	if got := ix.Match(Candidate{model.SourceAlerts, sub1, "rg-b", payload}, nil); !slices.Equal(got, []int64{1}) || calls != 0 {
		t.Errorf("out of the rules' scope: Match = %v with %d Payload calls, want [1] with 0", got, calls)
	}
	got := ix.Match(Candidate{model.SourceAlerts, sub1, "rg-a", payload}, nil)
	if slices.Sort(got); !slices.Equal(got, []int64{1, 2, 3}) || calls != 1 {
		t.Errorf("in scope: Match = %v with %d Payload calls, want [1 2 3] with 1", got, calls)
	}
}

func TestIndexEachActionOnce(t *testing.T) {
	a := auto([]string{sub1, sub1 + "/rg-a", sub1 + "/rg-a"}, []Source{
		{EventSource: model.SourceAlerts},
		{EventSource: model.SourceAlerts, RuleSets: []RuleSet{rules(Rule{"Severity", "String", "High", "Equals"})}},
	}, 2)
	ix := NewIndex([]Entry{
		{ActionIDs: []int64{1, 2, 2}, Automation: a},
		{ActionIDs: []int64{2, 3}, Automation: a}, // a caller's bug: id 2 in two entries
	})
	got := ix.Match(Candidate{model.SourceAlerts, sub1, "rg-a", func() any { return map[string]any{"Severity": "High"} }}, []int64{2})
	slices.Sort(got[1:])
	if want := []int64{2, 1, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("Match = %v, want %v (ids appended once each)", got, want)
	}
}

func TestIndexIgnoresInvalid(t *testing.T) {
	bad := auto([]string{"not-a-scope", sub1}, []Source{
		{EventSource: "Nope"},
		{EventSource: model.SourceAlerts, RuleSets: []RuleSet{rules(Rule{"Severity", "String", "High", "Bogus"})}},
	}, 1)
	ix := NewIndex([]Entry{{ActionIDs: []int64{1}, Automation: bad}})
	if got := ix.Match(Candidate{model.SourceAlerts, sub1, "", func() any { return map[string]any{"Severity": "High"} }}, nil); len(got) != 0 {
		t.Errorf("Match = %v, want none: the only rule set has an invalid rule", got)
	}
}

func TestIndexConcurrentMatch(t *testing.T) {
	ix := NewIndex(benchEntries(1000))
	want := make([][]int64, 200)
	for i := range want {
		want[i] = ix.Match(benchCandidate("x", i), nil)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := range want {
				if got := ix.Match(benchCandidate("x", i), nil); !slices.Equal(got, want[i]) {
					t.Errorf("concurrent Match %d = %v, want %v", i, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

const benchSubscriptions = 100

func benchSub(i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i) }

// benchEntries spreads n automations over 100 subscriptions: each exports the
// high-severity assessments of its subscription, or of one resource group in
// it, to one action.
func benchEntries(n int) []Entry {
	entries := make([]Entry, n)
	for i := range entries {
		sub := benchSub(i % benchSubscriptions)
		scope := sub
		if i%2 == 1 {
			scope = sub + "/rg-" + fmt.Sprint(i%7)
		}
		severity := []string{"High", "Medium", "Low"}[i%3]
		a := auto([]string{scope}, []Source{{EventSource: model.SourceAssessments,
			RuleSets: []RuleSet{rules(Rule{"properties.metadata.severity", "String", severity, "Equals"})}}}, 1)
		entries[i] = Entry{Key: fmt.Sprint(i), Automation: a, ActionIDs: []int64{int64(i)}}
	}
	return entries
}

func benchCandidate(seed string, i int) Candidate {
	payload := map[string]any{"type": "Microsoft.Security/assessments", "name": seed,
		"properties": map[string]any{"metadata": map[string]any{"severity": "High"}, "status": map[string]any{"code": "Unhealthy"}}}
	return Candidate{
		Source:        model.SourceAssessments,
		Subscription:  benchSub(i % benchSubscriptions),
		ResourceGroup: "rg-" + fmt.Sprint(i%7),
		Payload:       func() any { return payload },
	}
}

func BenchmarkMatch(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("automations=%d", n), func(b *testing.B) {
			ix := NewIndex(benchEntries(n))
			candidates := make([]Candidate, 256)
			for i := range candidates {
				candidates[i] = benchCandidate("x", i)
			}
			dst := make([]int64, 0, 256)
			matched := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				dst = ix.Match(candidates[i%len(candidates)], dst[:0])
				matched += len(dst)
			}
			b.ReportMetric(float64(matched)/float64(b.N), "actions/op")
		})
	}
}

// BenchmarkMatchDistinctRules is the unfavourable case: no two automations
// share a rule, so nothing is merged and every automation in scope costs a
// rule evaluation.
func BenchmarkMatchDistinctRules(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("automations=%d", n), func(b *testing.B) {
			entries := benchEntries(n)
			for i := range entries {
				rs := &entries[i].Automation.Properties.Sources[0].RuleSets[0]
				rs.Rules = append(rs.Rules, Rule{"name", "String", fmt.Sprintf("%x", i), "NotEquals"})
			}
			ix := NewIndex(entries)
			candidates := make([]Candidate, 256)
			for i := range candidates {
				candidates[i] = benchCandidate("x", i)
			}
			dst := make([]int64, 0, 256)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				dst = ix.Match(candidates[i%len(candidates)], dst[:0])
			}
		})
	}
}

func BenchmarkNewIndex(b *testing.B) {
	entries := benchEntries(10000)
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(entries)
	}
}
