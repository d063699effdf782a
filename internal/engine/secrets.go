package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/store"
)

// The secret fields of an action, each sealed with its JSON name as context,
// so that a sealed value moved to another field does not open.
var secretFields = []struct {
	name string
	get  func(*automation.Action) *string
}{
	{"uri", func(a *automation.Action) *string { return &a.URI }},
	{"connectionString", func(a *automation.Action) *string { return &a.ConnectionString }},
	{"password", func(a *automation.Action) *string { return &a.Password }},
}

// withoutSecrets is act with its secret fields empty.
func withoutSecrets(act automation.Action) automation.Action {
	for _, f := range secretFields {
		*f.get(&act) = ""
	}
	return act
}

// sealedBody is the JSON stored for a: a's secrets encrypted, a itself
// untouched.
func (e *Engine) sealedBody(a *automation.Automation) ([]byte, error) {
	sealed := *a
	sealed.Properties.Actions = slices.Clone(a.Properties.Actions)
	for i := range sealed.Properties.Actions {
		act := &sealed.Properties.Actions[i]
		for _, f := range secretFields {
			v := f.get(act)
			s, err := e.secrets.Seal(*v, f.name)
			if err != nil {
				return nil, fmt.Errorf("encrypt properties.actions[%d].%s: %w", i, f.name, err)
			}
			*v = s
		}
	}
	return json.Marshal(sealed)
}

// decode parses a stored automation body and decrypts its secrets. Values
// stored before encryption at rest are read as they are.
func (e *Engine) decode(s store.Automation) (automation.Automation, error) {
	a, err := automation.Decode(s.Body)
	if err != nil {
		return automation.Automation{}, fmt.Errorf("stored automation %s: %w", s.Key, err)
	}
	for i := range a.Properties.Actions {
		act := &a.Properties.Actions[i]
		for _, f := range secretFields {
			v := f.get(act)
			plain, err := e.secrets.Open(*v, f.name)
			if err != nil {
				return automation.Automation{}, fmt.Errorf("stored automation %s, properties.actions[%d].%s: %w", s.Key, i, f.name, err)
			}
			*v = plain
		}
	}
	return a, nil
}

// Automation reads a stored automation, secrets decrypted. An absent one is
// store.ErrNotFound.
func (e *Engine) Automation(ctx context.Context, key string) (automation.Automation, error) {
	s, err := e.Store.Automation(ctx, key)
	if err != nil {
		return automation.Automation{}, err
	}
	return e.decode(s)
}

// Stored is an automation with the key it is stored under.
type Stored struct {
	Key        string
	Automation automation.Automation
}

// Automations lists the automations of a subscription (and resource group,
// when not empty) in key order after after, at most limit+1 of them (the
// extra one tells that there are more), secrets decrypted.
func (e *Engine) Automations(ctx context.Context, subscription, resourceGroup, after string, limit int) ([]Stored, error) {
	rows, err := e.Store.Automations(ctx, subscription, resourceGroup, after, limit)
	if err != nil {
		return nil, err
	}
	out := make([]Stored, len(rows))
	for i, s := range rows {
		a, err := e.decode(s)
		if err != nil {
			return nil, err
		}
		out[i] = Stored{Key: s.Key, Automation: a}
	}
	return out, nil
}
