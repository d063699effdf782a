package automation

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Property types and operators as indexes into propertyTypes and operators.
const (
	typString = iota
	typInteger
	typNumber
	typBoolean
)

const (
	opEquals = iota
	opNotEquals
	opGreaterThan
	opGreaterThanOrEqualTo
	opLesserThan
	opLesserThanOrEqualTo
	opContains
	opStartsWith
	opEndsWith
)

var (
	propertyTypes = []string{TypeString, TypeInteger, TypeNumber, TypeBoolean}
	operators     = []string{
		OpEquals, OpNotEquals, OpGreaterThan, OpGreaterThanOrEqualTo,
		OpLesserThan, OpLesserThanOrEqualTo, OpContains, OpStartsWith, OpEndsWith,
	}
	// operatorsFor lists, per property type, the operators that apply to it.
	operatorsFor = [][]string{
		typString:  {OpEquals, OpNotEquals, OpContains, OpStartsWith, OpEndsWith},
		typInteger: {OpEquals, OpNotEquals, OpGreaterThan, OpGreaterThanOrEqualTo, OpLesserThan, OpLesserThanOrEqualTo},
		typNumber:  {OpEquals, OpNotEquals, OpGreaterThan, OpGreaterThanOrEqualTo, OpLesserThan, OpLesserThanOrEqualTo},
		typBoolean: {OpEquals, OpNotEquals},
	}
)

// compiledRule is a Rule parsed once, so that evaluating it costs only the
// lookups and one comparison.
type compiledRule struct {
	path  []step
	typ   int
	op    int
	str   string // String: the expected value
	lower string // String: the expected value, lower-cased
	num   number // Integer, Number
	b     bool   // Boolean
}

// compileRule parses r. The error's Path is the name of the offending field
// (propertyJPath, propertyType, operator or expectedValue); its Message never
// needs the rule's position, which the caller adds.
func compileRule(r Rule) (compiledRule, *ValidationError) {
	var c compiledRule
	if r.PropertyJPath == "" {
		return c, &ValidationError{Path: "propertyJPath", Message: "is required: a path into the exported event such as properties.metadata.severity"}
	}
	path, err := parsePath(r.PropertyJPath)
	if err != nil {
		return c, &ValidationError{Path: "propertyJPath", Message: fmt.Sprintf("%q is not a valid property path: it %v", r.PropertyJPath, err), err: err}
	}
	c.path = path
	var ok bool
	if c.typ, ok = lookupEnum(propertyTypes, r.PropertyType); !ok {
		return c, enumError("propertyType", r.PropertyType, "property type", propertyTypes)
	}
	if c.op, ok = lookupEnum(operators, r.Operator); !ok {
		return c, enumError("operator", r.Operator, "operator", operators)
	}
	allowed := operatorsFor[c.typ]
	if _, ok := lookupEnum(allowed, operators[c.op]); !ok {
		return c, &ValidationError{Path: "operator", Message: fmt.Sprintf("%s does not apply to propertyType %s; use one of %s",
			operators[c.op], propertyTypes[c.typ], strings.Join(allowed, ", "))}
	}
	v := r.ExpectedValue
	switch c.typ {
	case typString:
		c.str, c.lower = v, strings.ToLower(v)
	case typInteger:
		i, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return c, &ValidationError{Path: "expectedValue", Message: fmt.Sprintf("%q is not an Integer (a whole number that fits in 64 bits)", v)}
		}
		c.num = intNumber(i)
	case typNumber:
		n, ok := parseNumber(v)
		if !ok {
			return c, &ValidationError{Path: "expectedValue", Message: fmt.Sprintf("%q is not a Number (a finite decimal number such as 7.5)", v)}
		}
		c.num = n
	case typBoolean:
		b, ok := parseBool(v)
		if !ok {
			return c, &ValidationError{Path: "expectedValue", Message: fmt.Sprintf("%q is not a Boolean; use true or false", v)}
		}
		c.b = b
	}
	return c, nil
}

// Eval reports whether the rule holds for payload, an exported event decoded
// by encoding/json (with or without UseNumber). The package documentation
// describes the semantics. A rule that does not validate never holds.
func (r Rule) Eval(payload any) bool {
	c, err := compileRule(r)
	if err != nil {
		return false
	}
	return c.eval(payload)
}

// Eval reports whether every rule of the rule set holds for payload.
func (rs RuleSet) Eval(payload any) bool {
	for _, r := range rs.Rules {
		if !r.Eval(payload) {
			return false
		}
	}
	return true
}

// Match reports whether the source selects payload: it has no rule sets, or
// one of them holds. It does not look at the event source.
func (s Source) Match(payload any) bool {
	if len(s.RuleSets) == 0 {
		return true
	}
	for _, rs := range s.RuleSets {
		if rs.Eval(payload) {
			return true
		}
	}
	return false
}

func (c *compiledRule) eval(payload any) bool {
	v, found := resolve(payload, c.path)
	if !found || v == nil {
		return c.op == opNotEquals
	}
	switch c.typ {
	case typString:
		s, ok := stringOf(v)
		if !ok {
			return c.op == opNotEquals
		}
		switch c.op {
		case opEquals:
			return strings.EqualFold(s, c.str)
		case opNotEquals:
			return !strings.EqualFold(s, c.str)
		case opContains:
			return strings.Contains(strings.ToLower(s), c.lower)
		case opStartsWith:
			return strings.HasPrefix(strings.ToLower(s), c.lower)
		case opEndsWith:
			return strings.HasSuffix(strings.ToLower(s), c.lower)
		}
	case typInteger, typNumber:
		n, ok := numberOf(v)
		if !ok {
			return c.op == opNotEquals
		}
		cmp := n.cmp(c.num)
		switch c.op {
		case opEquals:
			return cmp == 0
		case opNotEquals:
			return cmp != 0
		case opGreaterThan:
			return cmp > 0
		case opGreaterThanOrEqualTo:
			return cmp >= 0
		case opLesserThan:
			return cmp < 0
		case opLesserThanOrEqualTo:
			return cmp <= 0
		}
	case typBoolean:
		b, ok := boolOf(v)
		if !ok {
			return c.op == opNotEquals
		}
		switch c.op {
		case opEquals:
			return b == c.b
		case opNotEquals:
			return b != c.b
		}
	}
	return false
}

// lookupEnum finds s in names case-insensitively and returns its index.
func lookupEnum(names []string, s string) (int, bool) {
	for i, n := range names {
		if strings.EqualFold(n, s) {
			return i, true
		}
	}
	return -1, false
}

// stringOf returns the string form of a scalar, as encoding/json writes it.
func stringOf(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case float64:
		return formatFloat(x), true
	case json.Number:
		return string(x), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	}
	return "", false
}

// formatFloat formats f as encoding/json does.
func formatFloat(f float64) string {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b := strconv.AppendFloat(nil, f, format, -1, 64)
	if format == 'e' {
		// Write e-09 as e-9, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return string(b)
}

func boolOf(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		return parseBool(x)
	}
	return false, false
}

func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}
