package kql

import (
	"strings"

	"github.com/secexport/secexport/internal/kql/parser"
)

// Type is a Kusto scalar type name: "string", "long", "int", "real", "bool",
// "datetime", "timespan", "dynamic", "guid" or "decimal".
type Type string

// Kusto's scalar types.
const (
	TString   Type = "string"
	TLong     Type = "long"
	TInt      Type = "int"
	TReal     Type = "real"
	TBool     Type = "bool"
	TDatetime Type = "datetime"
	TTimespan Type = "timespan"
	TDynamic  Type = "dynamic"
	TGuid     Type = "guid"
	TDecimal  Type = "decimal"
)

var duckTypes = map[Type]string{
	TString: "VARCHAR", TLong: "BIGINT", TInt: "INTEGER", TReal: "DOUBLE", TBool: "BOOLEAN",
	TDatetime: "TIMESTAMP", TTimespan: "BIGINT", TDynamic: "JSON", TGuid: "VARCHAR", TDecimal: "DOUBLE",
}

// typeAliases maps the other spellings Kusto accepts to the canonical names.
var typeAliases = map[string]Type{
	"string": TString, "long": TLong, "int64": TLong, "int": TInt, "int32": TInt,
	"real": TReal, "double": TReal, "bool": TBool, "boolean": TBool,
	"datetime": TDatetime, "date": TDatetime, "timespan": TTimespan, "time": TTimespan,
	"dynamic": TDynamic, "guid": TGuid, "uniqueid": TGuid, "decimal": TDecimal,
}

// DuckDBType returns the DuckDB column type that stores the Kusto type, or ""
// if kustoType is not a Kusto scalar type.
func DuckDBType(kustoType string) string {
	t, ok := typeAliases[strings.ToLower(kustoType)]
	if !ok {
		return ""
	}
	return duckTypes[t]
}

// CreateTableSQL returns the DuckDB statement that creates t's storage table
// as the package's storage convention requires.
func CreateTableSQL(t Table) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE ")
	b.WriteString(quoteIdent(t.Name))
	b.WriteString(" (")
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIdent(c.Name))
		b.WriteByte(' ')
		typ := DuckDBType(c.Type)
		if typ == "" {
			typ = "VARCHAR"
		}
		b.WriteString(typ)
	}
	b.WriteString(")")
	return b.String()
}

// FormatTimespan formats a timespan value (ticks of 100 ns) as Kusto prints
// it: [-][d.]hh:mm:ss[.fffffff].
func FormatTimespan(ticks int64) string { return parser.FormatTimespan(ticks) }

func (t Type) isInteger() bool { return t == TInt || t == TLong }
func (t Type) isNumeric() bool { return t == TInt || t == TLong || t == TReal || t == TDecimal }

// summable: number, timespan or datetime (Kusto's "summable").
func (t Type) isSummable() bool { return t.isNumeric() || t == TTimespan || t == TDatetime }

// orderable: summable, string or bool.
func (t Type) isOrderable() bool { return t.isSummable() || t == TString || t == TBool || t == TGuid }

// widest returns the wider of two numeric types, promoting int to long as
// Kusto's arithmetic does.
func widest(a, b Type) Type {
	rank := map[Type]int{TInt: 1, TLong: 2, TReal: 3, TDecimal: 4}
	w := a
	if rank[b] > rank[a] {
		w = b
	}
	if w == TInt {
		w = TLong
	}
	return w
}
