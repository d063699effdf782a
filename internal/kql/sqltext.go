package kql

import (
	"strconv"
	"strings"
	"time"
)

// quoteIdent quotes a SQL identifier: "Name", with embedded quotes doubled.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(noControl(name), `"`, `""`) + `"`
}

// quoteString writes a SQL string literal. It is used only for text the
// compiler makes itself (JSON paths, type names); user strings are parameters.
func quoteString(s string) string {
	return "'" + strings.ReplaceAll(noControl(s), "'", "''") + "'"
}

// noControl replaces control characters in text written into the SQL
// itself: they would collide with the argument placeholders (and a NUL ends
// a C string). Names and JSON keys with control characters match nothing.
func noControl(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' {
			return '\uFFFD'
		}
		return r
	}, s)
}

// timestampSQL writes a datetime constant. Datetimes are inlined rather than
// bound, because a bound time.Time arrives in DuckDB as TIMESTAMPTZ.
func timestampSQL(t time.Time) string {
	return "TIMESTAMP '" + t.UTC().Format("2006-01-02 15:04:05.999999") + "'"
}

func int64SQL(v int64) string { return strconv.FormatInt(v, 10) }

func realSQL(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	switch s {
	case "NaN":
		return "'NaN'::DOUBLE"
	case "+Inf":
		return "'Infinity'::DOUBLE"
	case "-Inf":
		return "'-Infinity'::DOUBLE"
	}
	return s + "::DOUBLE"
}

// paren wraps x in parentheses unless it is atomic.
func paren(x *sqlExpr) string {
	if x.atomic {
		return x.sql
	}
	return "(" + x.sql + ")"
}

// atomicSQL reports whether s is a single operand: a name, a number, a
// parameter, or one function call (f(...) whose parenthesis closes at the end).
func atomicSQL(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	for i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9' || s[i] == '$') {
		i++
	}
	if i == len(s) {
		return true
	}
	if s[i] == '"' && i == 0 {
		end := closingQuote(s, 0)
		return end == len(s)-1
	}
	if s[i] != '(' || i == 0 {
		return false
	}
	return closingParen(s, i) == len(s)-1
}

// closingQuote returns the index of the quote that closes the one at i.
func closingQuote(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j
		}
	}
	return -1
}

// closingParen returns the index of the parenthesis that closes the one at
// i, skipping quoted text.
func closingParen(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\'', '"':
			k := closingQuote(s, j)
			if k < 0 {
				return -1
			}
			j = k
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}
