package parser

import (
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// rawLiteral decodes datetime(...), guid(...) and timespan(...).
func (p *parser) rawLiteral(t Token) (Expr, error) {
	word, inner, _ := strings.Cut(t.Value, "\x00")
	lit := &Literal{ValSpan: t.Span}
	null := inner == "null"
	switch word {
	case "datetime", "date":
		lit.Kind = LitDatetime
		if null {
			lit.Null = true
			return lit, nil
		}
		tm, ok := ParseDatetime(inner)
		if !ok {
			return nil, errAt(p.src, t.Span, "invalid datetime literal")
		}
		lit.Text = tm.Format(time.RFC3339Nano)
	case "guid":
		lit.Kind = LitGuid
		if null {
			lit.Null = true
			return lit, nil
		}
		if !guidRE.MatchString(inner) {
			return nil, errAt(p.src, t.Span, "invalid guid literal")
		}
		lit.Text = strings.ToLower(inner)
	default: // timespan, time
		lit.Kind = LitTimespan
		if null {
			lit.Null = true
			return lit, nil
		}
		ticks, ok := parseTimespan(inner)
		if !ok {
			return nil, errAt(p.src, t.Span, "invalid timespan literal")
		}
		lit.Ticks = ticks
		lit.Text = inner
	}
	return lit, nil
}

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

var datetimeRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$`)

// ParseDatetime parses the ISO 8601 forms Kusto accepts in datetime(...):
// 2024-01-02, 2024-01-02 03:04, 2024-01-02T03:04:05.1234567Z, with an
// optional UTC offset. The result is in UTC.
func ParseDatetime(s string) (time.Time, bool) {
	m := datetimeRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, false
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	frac := 0
	if m[7] != "" {
		f := m[7] + strings.Repeat("0", 9-len(m[7]))
		frac, _ = strconv.Atoi(f)
	}
	if n(2) < 1 || n(2) > 12 || n(3) < 1 || n(3) > 31 || n(4) > 23 || n(5) > 59 || n(6) > 59 {
		return time.Time{}, false
	}
	tm := time.Date(n(1), time.Month(n(2)), n(3), n(4), n(5), n(6), frac, time.UTC)
	if tm.Day() != n(3) { // 2024-02-30
		return time.Time{}, false
	}
	if off := m[8]; off != "" && off != "Z" {
		sign := 1
		if off[0] == '-' {
			sign = -1
		}
		digits := strings.ReplaceAll(off[1:], ":", "")
		h, _ := strconv.Atoi(digits[:2])
		mm, _ := strconv.Atoi(digits[2:])
		tm = tm.Add(-time.Duration(sign) * (time.Duration(h)*time.Hour + time.Duration(mm)*time.Minute))
	}
	return tm, true
}

var clockRE = regexp.MustCompile(`^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$`)

// parseTimespan parses the inside of timespan(...): 1d, 1.5h, 02:03:04,
// 1.02:03:04.5, or a bare number of days.
func parseTimespan(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if m := clockRE.FindStringSubmatch(s); m != nil {
		n := func(i int) int64 { v, _ := strconv.ParseInt(m[i], 10, 64); return v }
		ticks := ((n(2)*24+n(3))*60+n(4))*60*1e7 + n(5)*1e7
		if m[6] != "" {
			f, _ := strconv.ParseInt(m[6]+strings.Repeat("0", 7-len(m[6])), 10, 64)
			ticks += f
		}
		if m[1] != "" {
			ticks = -ticks
		}
		return ticks, true
	}
	toks, err := Lex(s)
	if err != nil || len(toks) < 2 {
		return 0, false
	}
	neg := false
	if toks[0].Kind == TokMinus {
		neg = true
		toks = toks[1:]
	}
	if len(toks) != 2 {
		return 0, false
	}
	var ticks int64
	switch toks[0].Kind {
	case TokTimespan:
		ticks = toks[0].Ticks
	case TokLong, TokReal:
		v, err := strconv.ParseFloat(toks[0].Value, 64)
		if err != nil || math.Abs(v) > 1e7 {
			return 0, false
		}
		ticks = int64(math.Round(v * 864e9))
	default:
		return 0, false
	}
	if neg {
		ticks = -ticks
	}
	return ticks, true
}

// typedLiteral parses long(5), int(null), real(1.5), bool(true), decimal(1).
func (p *parser) typedLiteral() (Expr, error) {
	kw := p.advance()
	p.advance() // (
	kind := map[string]LitKind{"long": LitLong, "int": LitInt, "real": LitReal, "double": LitReal,
		"bool": LitBool, "boolean": LitBool, "decimal": LitReal}[kw.Value]
	lit := &Literal{Kind: kind}
	neg := ""
	if p.at(TokMinus) {
		p.advance()
		neg = "-"
	}
	v := p.tok()
	switch {
	case v.Kind == TokIdent && v.Value == "null" && neg == "":
		lit.Null = true
	case v.Kind == TokLong && kind != LitBool, v.Kind == TokReal && kind == LitReal:
		lit.Text = neg + v.Value
	case v.Kind == TokIdent && kind == LitBool && (v.Value == "true" || v.Value == "false") && neg == "":
		lit.Text = v.Value
	case v.Kind == TokIdent && kind == LitReal && (v.Value == "nan" || v.Value == "inf"):
		lit.Text = neg + v.Value
	default:
		return nil, p.fail("expected a " + kw.Value + " value or null")
	}
	p.advance()
	r, err := p.expect(TokRParen)
	if err != nil {
		return nil, err
	}
	lit.ValSpan = join(kw.Span, r.Span)
	return lit, nil
}

// dynamicLiteral parses dynamic(...) into JSON text.
func (p *parser) dynamicLiteral() (Expr, error) {
	kw := p.advance()
	p.advance() // (
	lit := &Literal{Kind: LitDynamic}
	if p.atWord("null") {
		p.advance()
		lit.Null = true
	} else {
		var b strings.Builder
		if err := p.jsonValue(&b); err != nil {
			return nil, err
		}
		lit.Text = b.String()
	}
	r, err := p.expect(TokRParen)
	if err != nil {
		return nil, err
	}
	lit.ValSpan = join(kw.Span, r.Span)
	return lit, nil
}

func (p *parser) jsonValue(b *strings.Builder) error {
	if err := p.enter(); err != nil {
		return err
	}
	defer p.leave()
	t := p.tok()
	switch {
	case t.Kind == TokLBrack:
		p.advance()
		b.WriteByte('[')
		for i := 0; !p.at(TokRBrack); i++ {
			if i > 0 {
				if _, err := p.expect(TokComma); err != nil {
					return err
				}
				b.WriteByte(',')
			}
			if err := p.jsonValue(b); err != nil {
				return err
			}
		}
		p.advance()
		b.WriteByte(']')
	case t.Kind == TokLBrace:
		p.advance()
		b.WriteByte('{')
		for i := 0; !p.at(TokRBrace); i++ {
			if i > 0 {
				if _, err := p.expect(TokComma); err != nil {
					return err
				}
				b.WriteByte(',')
			}
			k := p.tok()
			if k.Kind != TokString && k.Kind != TokIdent {
				return p.fail("expected a property name")
			}
			p.advance()
			writeJSONString(b, k.Value)
			if _, err := p.expect(TokColon); err != nil {
				return err
			}
			b.WriteByte(':')
			if err := p.jsonValue(b); err != nil {
				return err
			}
		}
		p.advance()
		b.WriteByte('}')
	case t.Kind == TokString:
		p.advance()
		writeJSONString(b, t.Value)
	case t.Kind == TokLong || t.Kind == TokReal:
		p.advance()
		b.WriteString(t.Value)
	case t.Kind == TokMinus && (p.peek(1).Kind == TokLong || p.peek(1).Kind == TokReal):
		p.advance()
		b.WriteString("-" + p.advance().Value)
	case t.Kind == TokIdent && (t.Value == "true" || t.Value == "false" || t.Value == "null"):
		p.advance()
		b.WriteString(t.Value)
	case t.Kind == TokRaw || t.Kind == TokTimespan:
		x, err := p.primary()
		if err != nil {
			return err
		}
		lit := x.(*Literal)
		switch {
		case lit.Null:
			b.WriteString("null")
		case lit.Kind == LitTimespan:
			writeJSONString(b, FormatTimespan(lit.Ticks))
		default:
			writeJSONString(b, lit.Text)
		}
	default:
		return p.fail("expected a dynamic value")
	}
	return nil
}

func writeJSONString(b *strings.Builder, s string) {
	enc, _ := json.Marshal(s)
	b.Write(enc)
}

// FormatTimespan formats ticks (100 ns) as Kusto prints a timespan:
// [-][d.]hh:mm:ss[.fffffff].
func FormatTimespan(ticks int64) string {
	var b strings.Builder
	if ticks < 0 {
		b.WriteByte('-')
		if ticks == math.MinInt64 {
			ticks++ // off by one tick rather than overflow
		}
		ticks = -ticks
	}
	const (
		second = int64(1e7)
		day    = 86400 * second
	)
	if d := ticks / day; d > 0 {
		b.WriteString(strconv.FormatInt(d, 10))
		b.WriteByte('.')
	}
	rest := ticks % day
	h, m, s, f := rest/(3600*second), rest/(60*second)%60, rest/second%60, rest%second
	b.WriteString(pad2(h) + ":" + pad2(m) + ":" + pad2(s))
	if f > 0 {
		fs := strconv.FormatInt(f, 10)
		b.WriteString("." + strings.Repeat("0", 7-len(fs)) + fs)
	}
	return b.String()
}

func pad2(v int64) string {
	if v < 10 {
		return "0" + strconv.FormatInt(v, 10)
	}
	return strconv.FormatInt(v, 10)
}
