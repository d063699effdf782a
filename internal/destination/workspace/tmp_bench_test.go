package workspace

import (
	"context"
	"testing"

	ws "github.com/secexport/secexport/internal/workspace"
)

func BenchmarkTmpMap(b *testing.B) {
	events := benchEvents(b, 500)
	for b.Loop() {
		for _, ev := range events {
			Row(ev, customerID)
		}
	}
}

func BenchmarkTmpAppendOnly(b *testing.B) {
	db, _ := ws.OpenDB("")
	defer db.Close()
	ctx := context.Background()
	db.Create(ctx, customerID)
	events := benchEvents(b, 500)
	var rows []ws.Row
	for _, ev := range events {
		r, _ := Row(ev, customerID)
		rows = append(rows, r)
	}
	for b.Loop() {
		if err := db.Append(ctx, customerID, rows); err != nil {
			b.Fatal(err)
		}
	}
}
