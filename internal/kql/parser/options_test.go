package parser

import "testing"

// TestParseOptions checks the trees of operator options and of the print,
// range and search sources.
func TestParseOptions(t *testing.T) {
	pipe := func(t *testing.T, src string) *Pipe {
		t.Helper()
		q, err := Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		return q.Stmts[len(q.Stmts)-1].(*ExprStmt).X.(*Pipe)
	}

	t.Run("union wildcards", func(t *testing.T) {
		u := pipe(t, "union withsource=T Secure*, *Score*, (SecurityAlert | take 1), SecurityAlert").Ops[0].(*Union)
		if len(u.Tables) != 4 {
			t.Fatalf("%d legs", len(u.Tables))
		}
		for i, want := range []string{"Secure*", "*Score*"} {
			if p, ok := u.Tables[i].(*TablePattern); !ok || p.Pattern != want {
				t.Errorf("leg %d = %#v, want pattern %s", i, u.Tables[i], want)
			}
		}
		if _, ok := u.Tables[3].(*Ident); !ok {
			t.Errorf("leg 3 = %#v, want a name", u.Tables[3])
		}
	})

	t.Run("project-reorder orders", func(t *testing.T) {
		pr := pipe(t, "T | project-reorder B* granny-desc, A asc, C, D* desc").Ops[0].(*ProjectReorder)
		var got []string
		for _, c := range pr.Cols {
			got = append(got, c.Name.Name+" "+c.Order)
		}
		want := []string{"B* granny-desc", "A asc", "C ", "D* desc"}
		if len(got) != len(want) {
			t.Fatalf("got %q", got)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("got %q, want %q", got, want)
			}
		}
	})

	t.Run("project-away patterns", func(t *testing.T) {
		pa := pipe(t, "T | project-away Alert*, *Time, Name").Ops[0].(*ProjectAway)
		if len(pa.Cols) != 3 || !pa.Cols[0].Wildcard || !pa.Cols[1].Wildcard || pa.Cols[2].Wildcard {
			t.Errorf("cols = %+v", pa.Cols)
		}
	})

	t.Run("mv-expand limit", func(t *testing.T) {
		mv := pipe(t, "T | mv-expand kind=array with_itemindex=I X limit 5 | count").Ops[0].(*MvExpand)
		if len(mv.Params) != 2 || mv.Limit == nil || mv.Limit.(*Literal).Text != "5" {
			t.Errorf("mv-expand = %+v", mv)
		}
	})

	t.Run("print and range", func(t *testing.T) {
		p := pipe(t, "print x = 1, 2 | extend y = x")
		if pr, ok := p.Source.(*Print); !ok || len(pr.Cols) != 2 {
			t.Errorf("source = %#v", p.Source)
		}
		r := pipe(t, "range d from ago(7d) to now() step 1d | count").Source.(*Range)
		if r.Name.Name != "d" || r.Step.(*Literal).Kind != LitTimespan {
			t.Errorf("range = %+v", r)
		}
	})

	t.Run("search", func(t *testing.T) {
		s := pipe(t, `search kind=case_sensitive in (Secure*, SecurityAlert) "mfa" | count`).Ops[0].(*Search)
		if len(s.Params) != 1 || len(s.Tables) != 2 || s.Pred.(*Literal).Text != "mfa" {
			t.Errorf("search = %+v", s)
		}
	})
}
