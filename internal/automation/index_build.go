package automation

import (
	"slices"
	"strconv"
	"strings"

	"github.com/secexport/secexport/internal/model"
)

// bucketBuilder builds a bucket, sharing equal rules and merging automations
// that select the same events in the same scope.
type bucketBuilder struct {
	b        bucket
	rules    map[string]int // rule key → index in b.rules
	matchers map[string]int // scope and selection signature → index in its matcher list
}

func newBucketBuilder() *bucketBuilder {
	return &bucketBuilder{
		b:        bucket{byGroup: make(map[string][]matcher)},
		rules:    make(map[string]int),
		matchers: make(map[string]int),
	}
}

// add adds the actions ids of an automation that selects sel in resource group
// rg, or in the whole subscription when rg is "".
func (bb *bucketBuilder) add(rg string, sel *selection, ids []int64) {
	m := matcher{all: sel.all}
	sig := "*"
	if !sel.all {
		m.ruleSets, sig = bb.intern(sel.ruleSets)
	}
	list := bb.b.wholeSub
	if rg != "" {
		list = bb.b.byGroup[rg]
	}
	key := rg + "\x00" + sig
	if i, ok := bb.matchers[key]; ok {
		list[i].actionIDs = append(list[i].actionIDs, ids...)
		return
	}
	bb.matchers[key] = len(list)
	m.actionIDs = slices.Clone(ids)
	list = append(list, m)
	if rg == "" {
		bb.b.wholeSub = list
	} else {
		bb.b.byGroup[rg] = list
	}
}

// intern adds the rules of ruleSets to the bucket, sharing equal rules, and
// returns the rule sets as sorted rule indexes, with a signature equal for
// selections that always agree.
func (bb *bucketBuilder) intern(ruleSets [][]keyedRule) ([][]int, string) {
	out := make([][]int, len(ruleSets))
	for i, rs := range ruleSets {
		out[i] = make([]int, 0, len(rs))
		for _, r := range rs {
			n, ok := bb.rules[r.key]
			if !ok {
				n = len(bb.b.rules)
				bb.b.rules = append(bb.b.rules, r.rule)
				bb.rules[r.key] = n
			}
			out[i] = append(out[i], n)
		}
		slices.Sort(out[i])
		out[i] = slices.Compact(out[i])
	}
	sigs := make([]string, len(out))
	for i, rs := range out {
		parts := make([]string, len(rs))
		for j, n := range rs {
			parts[j] = strconv.Itoa(n)
		}
		sigs[i] = "[" + strings.Join(parts, ",") + "]"
	}
	slices.Sort(sigs)
	return out, strings.Join(slices.Compact(sigs), "|")
}

// keyedRule is a compiled rule and a key equal for rules that always agree.
type keyedRule struct {
	key  string
	rule compiledRule
}

// selection is what an automation selects of one event source.
type selection struct {
	all      bool
	ruleSets [][]keyedRule
}

// selectionsBySource merges the sources of an automation per event source:
// the automation selects an event when any of its sources does. Rule sets with
// a rule that does not compile never hold and are left out.
func selectionsBySource(sources []Source) map[model.EventSource]*selection {
	out := make(map[model.EventSource]*selection)
	for _, src := range sources {
		n, ok := lookupEnum(eventSourceNames, string(src.EventSource))
		if !ok {
			continue
		}
		es := model.EventSources[n]
		sel := out[es]
		if sel == nil {
			sel = &selection{}
			out[es] = sel
		}
		if len(src.RuleSets) == 0 {
			sel.all = true
			continue
		}
	nextSet:
		for _, rs := range src.RuleSets {
			keyed := make([]keyedRule, 0, len(rs.Rules))
			for _, r := range rs.Rules {
				c, err := compileRule(r)
				if err != nil {
					continue nextSet
				}
				keyed = append(keyed, keyedRule{key: ruleKey(r, c), rule: c})
			}
			sel.ruleSets = append(sel.ruleSets, keyed)
		}
	}
	return out
}

// ruleKey is equal for two compiled rules that always agree.
func ruleKey(r Rule, c compiledRule) string {
	path := strings.TrimPrefix(strings.TrimPrefix(r.PropertyJPath, "$."), "$")
	expected := r.ExpectedValue
	switch c.typ {
	case typString:
		expected = c.lower
	case typBoolean:
		expected = strconv.FormatBool(c.b)
	}
	return strings.Join([]string{path, strconv.Itoa(c.typ), strconv.Itoa(c.op), expected}, "\x00")
}

// scopeSet is an automation's scopes, by lower-case subscription.
type scopeSet struct {
	subs   []string
	whole  map[string]bool
	groups map[string][]string
}

// scopesBySubscription groups scopes by subscription; scopes that do not
// parse are left out.
func scopesBySubscription(scopes []Scope) scopeSet {
	s := scopeSet{whole: make(map[string]bool), groups: make(map[string][]string)}
	for _, sc := range scopes {
		sub, rg, err := parseScope(sc.ScopePath)
		if err != nil {
			continue
		}
		sub, rg = strings.ToLower(sub), strings.ToLower(rg)
		if _, seen := s.whole[sub]; !seen {
			s.subs = append(s.subs, sub)
			s.whole[sub] = false
		}
		switch {
		case rg == "":
			s.whole[sub] = true
		case !slices.Contains(s.groups[sub], rg):
			s.groups[sub] = append(s.groups[sub], rg)
		}
	}
	return s
}

// uniqueIDs copies ids without repeats.
func uniqueIDs(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// dropRepeats removes from dst[start:] the ids seen earlier in dst[start:].
func dropRepeats(dst []int64, start int) []int64 {
	seen := make(map[int64]bool, len(dst)-start)
	w := start
	for _, id := range dst[start:] {
		if !seen[id] {
			seen[id] = true
			dst[w] = id
			w++
		}
	}
	return dst[:w]
}
