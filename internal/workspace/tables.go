package workspace

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// tables.json is ../shared/spec/workspace-tables.json, Azure Monitor's table
// reference for the six tables: every column, its Kusto type, in the order a
// bare table's columns come (TestTablesMatchSpec keeps the copy current).
//
//go:embed tables.json
var tablesJSON []byte

// Kusto column types the tables use.
const (
	TString   = "string"
	TInt      = "int"
	TLong     = "long"
	TReal     = "real"
	TBool     = "bool"
	TDatetime = "datetime"
	TDynamic  = "dynamic"
)

// The tables, by name.
const (
	SecurityAlert                = "SecurityAlert"
	SecurityRecommendation       = "SecurityRecommendation"
	SecureScores                 = "SecureScores"
	SecureScoreControls          = "SecureScoreControls"
	SecurityRegulatoryCompliance = "SecurityRegulatoryCompliance"
	SecurityNestedRecommendation = "SecurityNestedRecommendation"
)

// Column is a table column: its name and Kusto type.
type Column struct {
	Name string
	Type string
}

// Hidden reports whether the column is one of Log Analytics' hidden columns
// (_ResourceId, _SubscriptionId, _IsBillable, _BilledSize), which a query
// returns only when it names them.
func (c Column) Hidden() bool { return strings.HasPrefix(c.Name, "_") }

// Table is a workspace table's schema.
type Table struct {
	Name    string
	Columns []Column
	index   map[string]int
}

// Index returns the position of the column named name, or -1.
func (t *Table) Index(name string) int {
	if i, ok := t.index[name]; ok {
		return i
	}
	return -1
}

// col returns the position of a column the code relies on; a name that is
// not in the schema is a programming error.
func (t *Table) col(name string) int {
	i, ok := t.index[name]
	if !ok {
		panic(fmt.Sprintf("workspace: table %s has no column %s", t.Name, name))
	}
	return i
}

// tables and byName are the tables of tables.json, in order and by name.
var tables, byName = loadTables()

// Tables returns the workspace tables in the spec's order.
func Tables() []*Table { return tables }

// TableNamed returns the table named name (exact case), if there is one.
func TableNamed(name string) (*Table, bool) {
	t, ok := byName[name]
	return t, ok
}

func loadTables() ([]*Table, map[string]*Table) {
	fail := func(err error) { panic("workspace: embedded tables.json: " + err.Error()) }
	dec := json.NewDecoder(bytes.NewReader(tablesJSON))
	if _, err := dec.Token(); err != nil {
		fail(err)
	}
	var list []*Table
	named := map[string]*Table{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			fail(err)
		}
		var cols [][2]string
		if err := dec.Decode(&cols); err != nil {
			fail(err)
		}
		t := &Table{Name: tok.(string), index: make(map[string]int, len(cols))}
		for i, c := range cols {
			t.Columns = append(t.Columns, Column{Name: c[0], Type: c[1]})
			t.index[c[0]] = i
		}
		list = append(list, t)
		named[t.Name] = t
	}
	return list, named
}
