package automation

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash"
	"net/url"
	"strings"
)

// Public returns a deep copy of a without its secrets (Logic App uri, Event Hub
// connectionString, Kafka password): the view served by GET, list and PUT.
// sasPolicyName, which names the key but is not the key, stays.
func (a Automation) Public() Automation {
	pub := a.clone()
	for i := range pub.Properties.Actions {
		act := &pub.Properties.Actions[i]
		act.URI, act.ConnectionString, act.Password = "", "", ""
	}
	return pub
}

// KeepSecrets fills the secrets a client left out of an update from prev, the
// stored automation. A client that does GET-modify-PUT never saw the secrets,
// so an absent secret means "unchanged" as long as the action still points at
// the same destination:
//
//   - LogicApp: the same logicAppResourceId (case-insensitive), or, when
//     neither names one, the action at the same index;
//   - EventHub: the same eventHubResourceId (case-insensitive);
//   - Kafka: the same bootstrapServers, topic and username.
//
// When several previous actions qualify, the one at the same index wins, then
// the first. Call KeepSecrets before Validate.
func (a *Automation) KeepSecrets(prev Automation) {
	for i := range a.Properties.Actions {
		act := &a.Properties.Actions[i]
		if !act.lacksSecret() {
			continue
		}
		if old, ok := sameDestination(prev.Properties.Actions, i, act); ok {
			switch {
			case strings.EqualFold(act.ActionType, ActionLogicApp):
				act.URI = old.URI
			case strings.EqualFold(act.ActionType, ActionEventHub):
				act.ConnectionString = old.ConnectionString
			case strings.EqualFold(act.ActionType, ActionKafka):
				act.Password = old.Password
			}
		}
	}
}

func (a *Action) lacksSecret() bool {
	switch {
	case strings.EqualFold(a.ActionType, ActionLogicApp):
		return a.URI == ""
	case strings.EqualFold(a.ActionType, ActionEventHub):
		return a.ConnectionString == ""
	case strings.EqualFold(a.ActionType, ActionKafka):
		return a.Password == ""
	}
	return false
}

// sameDestination finds in prev the action that act, at index i of the new
// list, updates.
func sameDestination(prev []Action, i int, act *Action) (Action, bool) {
	same := func(j int) bool {
		p := &prev[j]
		if !strings.EqualFold(p.ActionType, act.ActionType) {
			return false
		}
		switch {
		case strings.EqualFold(act.ActionType, ActionLogicApp):
			if act.LogicAppResourceID == "" && p.LogicAppResourceID == "" {
				return j == i
			}
			return strings.EqualFold(p.LogicAppResourceID, act.LogicAppResourceID)
		case strings.EqualFold(act.ActionType, ActionEventHub):
			return strings.EqualFold(p.EventHubResourceID, act.EventHubResourceID)
		case strings.EqualFold(act.ActionType, ActionKafka):
			return normalizeServers(p.BootstrapServers) == normalizeServers(act.BootstrapServers) &&
				p.Topic == act.Topic && p.Username == act.Username
		}
		return false
	}
	if i < len(prev) && same(i) {
		return prev[i], true
	}
	for j := range prev {
		if same(j) {
			return prev[j], true
		}
	}
	return Action{}, false
}

// normalizeServers lower-cases a bootstrap server list and drops the spaces
// around its entries, so that equal lists compare equal.
func normalizeServers(list string) string {
	parts := strings.Split(strings.ToLower(list), ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.Join(parts, ",")
}

// Fingerprint identifies the destination an action delivers to, as a hex
// SHA-256 of its type and target — the lower-cased resource id (for a Logic App
// without one, the trigger URL without its query, which holds the signature),
// or the Kafka servers and topic — and nothing secret. An update that keeps an
// action's fingerprint keeps that action's queue and dead letters, so rotating
// a trigger URL's signature or an Event Hubs key loses nothing.
func (a Action) Fingerprint() string {
	h := sha256.New()
	typ := a.ActionType
	if n, ok := lookupEnum(actionTypes, typ); ok {
		typ = actionTypes[n]
	}
	field(h, typ)
	switch typ {
	case ActionLogicApp:
		if a.LogicAppResourceID != "" {
			field(h, strings.ToLower(a.LogicAppResourceID))
		} else {
			field(h, uriWithoutQuery(a.URI))
		}
	case ActionEventHub:
		field(h, strings.ToLower(a.EventHubResourceID))
	case ActionWorkspace:
		field(h, strings.ToLower(a.WorkspaceResourceID))
	case ActionKafka:
		field(h, normalizeServers(a.BootstrapServers))
		field(h, a.Topic)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ConfigHash changes whenever anything about how an action delivers changes,
// secrets included: a running destination whose ConfigHash changed is
// reopened. Keep it internal (it hashes secrets).
func (a Action) ConfigHash() string {
	b, _ := json.Marshal(a)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// uriWithoutQuery is scheme://host/path of a URL, host lower-cased.
func uriWithoutQuery(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + u.Path
}

// field writes s length-prefixed, so that no two field lists hash alike.
func field(h hash.Hash, s string) {
	h.Write(binary.AppendUvarint(nil, uint64(len(s))))
	h.Write([]byte(s))
}
