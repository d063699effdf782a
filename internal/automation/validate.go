package automation

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/secexport/secexport/internal/model"
)

// ValidationError names the first problem found in an automation: Path is the
// JSON path of the offending field (properties.actions[0].uri), empty when the
// problem is the body as a whole. Messages never contain a secret.
type ValidationError struct {
	Path    string
	Message string
	err     error
}

func (e *ValidationError) Error() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// Unwrap returns the error that caused this one, if any.
func (e *ValidationError) Unwrap() error { return e.err }

// at returns e with prefix put before its path.
func (e *ValidationError) at(prefix string) *ValidationError {
	e.Path = prefix + "." + e.Path
	return e
}

// Validate checks a decoded automation that lives in subscription and
// resourceGroup and normalises it in place: enum values get their canonical
// spelling, isEnabled defaults to true, and each Event Hub action's
// sasPolicyName is derived from its connection string. It returns a
// *ValidationError naming the first problem.
func (a *Automation) Validate(subscription, resourceGroup string) error {
	if strings.TrimSpace(a.Location) == "" {
		return &ValidationError{Path: "location", Message: "is required: the Azure region of the automation, for example westeurope"}
	}
	p := &a.Properties
	if p.IsEnabled == nil {
		enabled := true
		p.IsEnabled = &enabled
	}
	if err := validateScopes(p.Scopes, subscription, resourceGroup); err != nil {
		return err
	}
	if err := validateSources(p.Sources); err != nil {
		return err
	}
	return validateActions(p.Actions)
}

func validateScopes(scopes []Scope, subscription, resourceGroup string) error {
	example := "/subscriptions/" + subscription
	rgExample := example + "/resourceGroups/" + cmp.Or(resourceGroup, "{name}")
	if len(scopes) == 0 {
		return &ValidationError{Path: "properties.scopes", Message: fmt.Sprintf("at least one scope is required, for example {\"scopePath\": %q}", example)}
	}
	for i, s := range scopes {
		path := fmt.Sprintf("properties.scopes[%d].scopePath", i)
		if s.ScopePath == "" {
			return &ValidationError{Path: path, Message: fmt.Sprintf("is required: %s or %s", example, rgExample)}
		}
		sub, _, err := parseScope(s.ScopePath)
		if err != nil {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%q %v; use %s or %s", s.ScopePath, err, example, rgExample), err: err}
		}
		if !strings.EqualFold(sub, subscription) {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%q is outside subscription %s, where this automation lives; use %s or %s",
				s.ScopePath, subscription, example, rgExample)}
		}
	}
	return nil
}

var (
	errNotScope     = errors.New("is not a subscription or resource group path")
	errScopeTooDeep = errors.New("is deeper than a resource group")
)

// parseScope splits /subscriptions/{sub}[/resourceGroups/{rg}], returning both
// as written (compare them case-insensitively).
func parseScope(path string) (sub, rg string, err error) {
	segs := strings.Split(path, "/")
	if segs[0] != "" || len(segs) < 3 || !strings.EqualFold(segs[1], "subscriptions") || segs[2] == "" {
		return "", "", errNotScope
	}
	switch {
	case len(segs) == 3:
		return segs[2], "", nil
	case len(segs) == 5 && strings.EqualFold(segs[3], "resourceGroups") && validResourceGroup(segs[4]):
		return segs[2], segs[4], nil
	case len(segs) > 5 && strings.EqualFold(segs[3], "resourceGroups"):
		return "", "", errScopeTooDeep
	}
	return "", "", errNotScope
}

// validResourceGroup applies ARM's rules for resource group names: 1 to 90
// letters, digits, underscores, hyphens, periods and parentheses, not ending
// in a period.
func validResourceGroup(name string) bool {
	if name == "" || len(name) > 90 || strings.HasSuffix(name, ".") {
		return false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("_-.()", r) {
			return false
		}
	}
	return true
}

// eventSourceNames is model.EventSources as strings.
var eventSourceNames = func() []string {
	names := make([]string, len(model.EventSources))
	for i, s := range model.EventSources {
		names[i] = string(s)
	}
	return names
}()

func validateSources(sources []Source) error {
	if len(sources) == 0 {
		return &ValidationError{Path: "properties.sources", Message: `at least one source is required, for example {"eventSource": "Alerts"}`}
	}
	for i := range sources {
		src := &sources[i]
		prefix := fmt.Sprintf("properties.sources[%d]", i)
		n, ok := lookupEnum(eventSourceNames, string(src.EventSource))
		if !ok {
			return enumError(prefix+".eventSource", string(src.EventSource), "event source", eventSourceNames)
		}
		src.EventSource = model.EventSources[n]
		for j := range src.RuleSets {
			rules := src.RuleSets[j].Rules
			for k := range rules {
				c, err := compileRule(rules[k])
				if err != nil {
					return err.at(fmt.Sprintf("%s.ruleSets[%d].rules[%d]", prefix, j, k))
				}
				rules[k].PropertyType = propertyTypes[c.typ]
				rules[k].Operator = operators[c.op]
			}
		}
	}
	return nil
}

// enumError reports a missing or unsupported value of an enum.
func enumError(path, value, what string, names []string) *ValidationError {
	if value == "" {
		return &ValidationError{Path: path, Message: "is required; use one of " + strings.Join(names, ", ")}
	}
	return &ValidationError{Path: path, Message: fmt.Sprintf("%q is not a supported %s; use one of %s", value, what, strings.Join(names, ", "))}
}
