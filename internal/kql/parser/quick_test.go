package parser

import (
	"encoding/json"
	"testing"
)

func TestQuick(t *testing.T) {
	for _, q := range []string{
		"SecurityAlert | where TimeGenerated > ago(7d) and AlertName has 'x' | summarize count() by bin(TimeGenerated, 1h), AlertSeverity | order by count_ desc",
		"let x = 5; let t = T | where B > x; t | join kind=inner (U | project A) on $left.A == $right.A",
		"union A, (B | where x in ('a','b')) | project-away A, B | top 5 by X asc nulls last",
		"T | extend p = parse_json(E).x[0]['a b'], d = dynamic({'a':[1,2,datetime(2020-01-01)]}), dt = datetime(2024-01-02 03:04:05Z) | where x between (1 .. 5)",
		"T | where A matches regex @'\\d+' | mv-expand x",
		"T | project ['a b'] = 1 | where ['a b'] !in~ ('x')",
	} {
		qq, err := Parse(q)
		if err != nil {
			t.Logf("%q: %v", q, err)
			continue
		}
		b, _ := json.Marshal(qq)
		t.Logf("%s", b)
	}
}
