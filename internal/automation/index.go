package automation

import (
	"strings"

	"github.com/secexport/secexport/internal/model"
)

// Entry is one automation to index, with the ids its actions have in the outbox.
type Entry struct {
	// Key is the automation's ARM id, lower-cased.
	Key        string
	Automation Automation
	// ActionIDs is parallel to Automation.Properties.Actions.
	ActionIDs []int64
}

// Candidate is an event the router is placing.
type Candidate struct {
	// Source is spelled as in package model.
	Source model.EventSource
	// Subscription and ResourceGroup locate the event's record, lower-case;
	// ResourceGroup is empty for subscription-level records.
	Subscription, ResourceGroup string
	// Payload returns the exported event decoded by encoding/json. Match calls
	// it at most once, and only when an automation in scope has rules.
	Payload func() any
}

// Index finds the actions an event goes to. It is immutable once built and
// safe for concurrent use.
//
// Automations are grouped by event source and subscription, then by scope
// (the whole subscription, or one resource group), so Match looks only at
// those that can match. Automations that select the same events in the same
// scope share one matcher, and every distinct rule is evaluated at most once
// per event however many automations use it.
type Index struct {
	buckets map[bucketKey]*bucket
	n       int
	// dedup is set when two entries share an action id, so that Match must
	// drop repeats (a caller's bug, but Match still returns each id once).
	dedup bool
}

type bucketKey struct {
	source model.EventSource
	sub    string
}

// bucket holds the automations of one event source and subscription.
type bucket struct {
	rules    []compiledRule       // distinct rules, indexed by the matchers' rule sets
	wholeSub []matcher            // automations with the whole subscription in scope
	byGroup  map[string][]matcher // the others, by lower-case resource group in scope
}

// matcher is the automations of a bucket that select the same events in the
// same scope.
type matcher struct {
	all       bool    // a source has no rule sets: every event matches
	ruleSets  [][]int // else an OR of ANDs of indexes into bucket.rules
	actionIDs []int64
}

// maxMemo is how many distinct rules of a bucket Match memoises on the stack.
const maxMemo = 256

// NewIndex indexes the enabled automations among entries. It expects validated
// automations; scopes, sources and rule sets that do not validate never match.
func NewIndex(entries []Entry) *Index {
	ix := &Index{n: len(entries)}
	builders := make(map[bucketKey]*bucketBuilder)
	owner := make(map[int64]int) // action id → entry
	for e, entry := range entries {
		a := &entry.Automation
		if !a.Enabled() {
			continue
		}
		ids := uniqueIDs(entry.ActionIDs)
		for _, id := range ids {
			if prev, ok := owner[id]; ok && prev != e {
				ix.dedup = true
			}
			owner[id] = e
		}
		scopes := scopesBySubscription(a.Properties.Scopes)
		for source, sel := range selectionsBySource(a.Properties.Sources) {
			for _, sub := range scopes.subs {
				k := bucketKey{source, sub}
				bb := builders[k]
				if bb == nil {
					bb = newBucketBuilder()
					builders[k] = bb
				}
				if scopes.whole[sub] {
					bb.add("", sel, ids)
					continue
				}
				for _, rg := range scopes.groups[sub] {
					bb.add(rg, sel, ids)
				}
			}
		}
	}
	ix.buckets = make(map[bucketKey]*bucket, len(builders))
	for k, bb := range builders {
		ix.buckets[k] = &bb.b
	}
	return ix
}

// Len returns the number of entries the index was built from, disabled
// automations included.
func (ix *Index) Len() int { return ix.n }

// Match appends to dst the ids of the actions that c goes to, each at most
// once, and returns the extended slice. The order of the ids is stable for an
// index but otherwise unspecified.
func (ix *Index) Match(c Candidate, dst []int64) []int64 {
	b := ix.buckets[bucketKey{c.Source, strings.ToLower(c.Subscription)}]
	if b == nil {
		return dst
	}
	var buf [maxMemo]uint8
	m := matching{payload: c.Payload, memo: buf[:min(len(b.rules), maxMemo)]}
	start := len(dst)
	dst = b.appendMatches(b.wholeSub, &m, dst)
	if c.ResourceGroup != "" {
		dst = b.appendMatches(b.byGroup[strings.ToLower(c.ResourceGroup)], &m, dst)
	}
	if ix.dedup {
		dst = dropRepeats(dst, start)
	}
	return dst
}

// matching is the state of one Match call.
type matching struct {
	payload func() any
	v       any
	loaded  bool
	// memo caches the outcomes (0 unknown, 1 false, 2 true) of the bucket's
	// first maxMemo rules.
	memo []uint8
}

// event returns the decoded payload, asking for it on first use.
func (m *matching) event() any {
	if !m.loaded {
		if m.payload != nil {
			m.v = m.payload()
		}
		m.loaded = true
	}
	return m.v
}

func (b *bucket) appendMatches(ms []matcher, m *matching, dst []int64) []int64 {
	for i := range ms {
		if ms[i].all || b.holds(&ms[i], m) {
			dst = append(dst, ms[i].actionIDs...)
		}
	}
	return dst
}

// holds reports whether one of mt's rule sets holds for the event.
func (b *bucket) holds(mt *matcher, m *matching) bool {
	for _, rs := range mt.ruleSets {
		ok := true
		for _, r := range rs {
			if !b.eval(r, m) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (b *bucket) eval(r int, m *matching) bool {
	if r < len(m.memo) && m.memo[r] != 0 {
		return m.memo[r] == 2
	}
	v := b.rules[r].eval(m.event())
	if r < len(m.memo) {
		m.memo[r] = 1
		if v {
			m.memo[r] = 2
		}
	}
	return v
}
