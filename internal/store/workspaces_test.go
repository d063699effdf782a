package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWorkspaces(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	if ws, err := s.Workspaces(ctx, "", ""); err != nil || len(ws) != 0 {
		t.Fatalf("before any write: %v, %v", ws, err)
	}
	if _, err := s.Workspace(ctx, "/x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("absent workspace: %v", err)
	}
	put := func(w Workspace) (bool, error) {
		var created bool
		err := s.Write(ctx, func(tx *Tx) error {
			var err error
			created, err = tx.PutWorkspace(w)
			return err
		})
		return created, err
	}
	a := Workspace{Key: "/subscriptions/s1/resourcegroups/rg/providers/microsoft.operationalinsights/workspaces/a", Subscription: "s1", ResourceGroup: "rg",
		CustomerID: "00000000-0000-4000-8000-00000000000a", RetentionDays: 30, Body: []byte(`{"a":1}`), Updated: time.Now()}
	b := a
	b.Key, b.ResourceGroup, b.CustomerID = "/subscriptions/s1/resourcegroups/other/providers/microsoft.operationalinsights/workspaces/b", "other", "00000000-0000-4000-8000-00000000000b"
	for _, w := range []Workspace{a, b} {
		if created, err := put(w); err != nil || !created {
			t.Fatalf("create %s: %v %v", w.Key, created, err)
		}
	}
	a.RetentionDays, a.Body = 90, []byte(`{"a":2}`)
	if created, err := put(a); err != nil || created {
		t.Fatalf("update: created=%v err=%v", created, err)
	}
	moved := a
	moved.CustomerID = "00000000-0000-4000-8000-00000000000c"
	if _, err := put(moved); err == nil {
		t.Fatal("a workspace's customer id changed")
	}
	dup := b
	dup.Key = "/subscriptions/s1/resourcegroups/rg/providers/microsoft.operationalinsights/workspaces/dup"
	if _, err := put(dup); err == nil {
		t.Fatal("two workspaces share a customer id")
	}
	got, err := s.WorkspaceByCustomerID(ctx, a.CustomerID)
	if err != nil || got.RetentionDays != 90 || string(got.Body) != `{"a":2}` || got.Key != a.Key {
		t.Fatalf("by customer id: %+v %v", got, err)
	}
	if ws, _ := s.Workspaces(ctx, "s1", ""); len(ws) != 2 {
		t.Errorf("subscription list: %d", len(ws))
	}
	if ws, _ := s.Workspaces(ctx, "s1", "other"); len(ws) != 1 || ws[0].Key != b.Key {
		t.Errorf("resource group list: %+v", ws)
	}
	var existed bool
	if err := s.Write(ctx, func(tx *Tx) error { var err error; existed, err = tx.DeleteWorkspace(a.Key); return err }); err != nil || !existed {
		t.Fatalf("delete: %v %v", existed, err)
	}
	if _, err := s.Workspace(ctx, a.Key); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted workspace: %v", err)
	}
}
