package kql

import (
	"reflect"
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// Typed mv-expand.
//
// A dynamic value is JSON text, so mv-expand writes each element out as text
// and every tostring(X.Member) after it parses that element again: for a
// hunting query over a million alerts (mv-expand of parse_json(Entities),
// then tostring(Entity.Type) and tostring(Entity.HostName)) that is most of
// the work. When the rest of the pipe uses the expanded column X only as
// tostring(X.Member), for a few plain member names, and drops X before the
// end, mv-expand instead reads the array once, with from_json, into a list
// of structs with one VARCHAR field a member, and tostring(X.Member) reads
// the field. from_json (json_transform, not strict) gives a member exactly
// what json_extract_string of the element gives: the text of a string, the
// JSON text of a number, bool, array or object, and null for a missing
// member, a JSON null, or an element that is not an object. What is not an
// array (a property bag, a scalar, null, text that is not JSON) takes the
// JSON path, unchanged, and its elements' members are read with
// json_extract_string as before. TestTypedMvExpand checks both ways agree.

// maxTypedMembers bounds the members a typed mv-expand reads.
const maxTypedMembers = 8

// typedMvMembers returns the member names that the operators after an
// mv-expand read of its expanded column, when the column can be a list of
// structs (see above), and nil when it cannot. It is conservative: any use
// of the column's name other than tostring(X.Member), any operator it does
// not know to keep or drop the column, and any implicit use of every column
// (*, pack_all) refuse.
func typedMvMembers(mv *parser.MvExpand, rest []parser.Operator) []string {
	if len(mv.Params) > 0 || mv.Limit != nil || len(mv.Items) != 1 || mv.Items[0].ToType != nil {
		return nil
	}
	id, ok := mv.Items[0].X.(*parser.Ident)
	if !ok {
		return nil
	}
	u := &memberUses{name: id.Name}
	for _, op := range rest {
		dropped := false
		switch op := op.(type) {
		case *parser.Where, *parser.Extend, *parser.Sort, *parser.Take, *parser.Top:
		case *parser.Summarize, *parser.Project:
			dropped = true // a bare X would be refused below
		case *parser.Join:
			for _, p := range op.Params {
				v, _ := p.Value.(*parser.Ident)
				if p.Name.Name == "kind" && (v == nil || !leftKeepingJoin[v.Name]) {
					return nil
				}
			}
		default:
			return nil
		}
		if !u.walk(reflect.ValueOf(op)) {
			return nil
		}
		if dropped {
			if len(u.members) == 0 || len(u.members) > maxTypedMembers {
				return nil
			}
			return u.members
		}
	}
	return nil // X reaches the result
}

// leftKeepingJoin are the join kinds whose rows keep the left side's columns
// as they are.
var leftKeepingJoin = map[string]bool{"innerunique": true, "inner": true, "leftouter": true, "leftsemi": true, "leftanti": true}

// memberUses collects the members read as tostring(X.Member).
type memberUses struct {
	name    string
	members []string
}

var (
	identType = reflect.TypeFor[*parser.Ident]()
	callType  = reflect.TypeFor[*parser.Call]()
	starType  = reflect.TypeFor[*parser.Star]()
)

// walk reports whether every use of the name under v is tostring(X.Member)
// with a plain member name, collecting the members.
func (u *memberUses) walk(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return true
		}
		if !v.CanInterface() {
			return false
		}
		switch v.Type() {
		case identType:
			return v.Interface().(*parser.Ident).Name != u.name
		case starType:
			return false
		case callType:
			call := v.Interface().(*parser.Call)
			switch call.Func.Name {
			case "pack_all", "column_ifexists", "bag_pack_columns":
				return false
			case "tostring":
				if m, ok := u.member(call); ok {
					return m
				}
			}
		}
		return u.walk(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if !u.walk(v.Field(i)) {
				return false
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if !u.walk(v.Index(i)) {
				return false
			}
		}
	}
	return true
}

// member handles tostring(X.Member): ok reports that call has that form,
// and then accepted whether the member can be a struct field.
func (u *memberUses) member(call *parser.Call) (accepted, ok bool) {
	if len(call.Args) != 1 {
		return false, false
	}
	p, isPath := call.Args[0].(*parser.Path)
	if !isPath {
		return false, false
	}
	x, isIdent := p.X.(*parser.Ident)
	if !isIdent || x.Name != u.name {
		return false, false
	}
	m := p.Name.Name
	if !plainKey.MatchString(m) {
		return false, true
	}
	for _, have := range u.members {
		if have == m {
			return true, true
		}
		if strings.EqualFold(have, m) {
			return false, true // DuckDB's struct field names ignore case
		}
	}
	u.members = append(u.members, m)
	return true, true
}

// typedMvList is SQL for the list of structs a typed mv-expand unnests, one
// VARCHAR field a member: an array read by from_json, anything else through
// mvExpandList with each element's members read by json_extract_string. src
// is the SQL of the dynamic value; text, when not empty, is the string it
// was parsed from (src is parse_json(text)), which is then read directly, so
// that the text is parsed once.
func typedMvList(src, text string, members []string) string {
	var spec, fields strings.Builder
	spec.WriteString("[{")
	for i, m := range members {
		if i > 0 {
			spec.WriteString(",")
			fields.WriteString(", ")
		}
		spec.WriteString(`"` + m + `":"VARCHAR"`)
		fields.WriteString(quoteIdent(m) + " := json_extract_string(__e, '$." + m + "')")
	}
	spec.WriteString("}]")
	array := "from_json(" + src + ", '" + spec.String() + "')"
	if text != "" {
		// TRY: from_json fails on text that is not JSON; parse_json makes
		// that a string, which the fallback expands. The fallback parses
		// the text itself too, so that the dynamic column is not computed
		// (DuckDB would, for every row).
		array = "TRY(from_json(" + text + ", '" + spec.String() + "'))"
		src = parseJSONSQL(text)
	}
	return "coalesce(" + array + ", list_transform(" + mvExpandList(src, false) + ", __e -> struct_pack(" + fields.String() + ")))"
}

// typedMember compiles tostring(X.Member) when X is a typed mv-expand's
// column (ok false otherwise).
func (e *ectx) typedMember(call *parser.Call) (*sqlExpr, bool, error) {
	if e.r == nil || call.Func.Name != "tostring" || len(call.Args) != 1 {
		return nil, false, nil
	}
	p, isPath := call.Args[0].(*parser.Path)
	if !isPath {
		return nil, false, nil
	}
	id, isIdent := p.X.(*parser.Ident)
	if !isIdent {
		return nil, false, nil
	}
	col := e.r.lookup(id.Name)
	if col == nil || col.members == nil {
		return nil, false, nil
	}
	if e.aggOK && !e.inAgg {
		return nil, true, e.errorf(id, CodeArgument, "The expression '%s' must be an aggregate (use it in by, or inside an aggregation function)", id.Name)
	}
	for _, m := range col.members {
		if m == p.Name.Name {
			return &sqlExpr{sql: "coalesce(" + col.sql + "." + quoteIdent(m) + ", '')", typ: TString}, true, nil
		}
	}
	return nil, true, e.errorf(p, CodeNotSupported, "internal: member '%s' of a typed mv-expand column was not planned", p.Name.Name)
}

// parsedText returns the SQL of the string column of r that sql parses
// (parse_json(S), todynamic(S)), and its index in r.cols.
func parsedText(r *relation, sql string) (string, int) {
	for i, c := range r.cols {
		if c.plain && c.typ == TString && sql == parseJSONSQL(c.sql) {
			return c.sql, i
		}
	}
	return "", -1
}
