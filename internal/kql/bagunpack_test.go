package kql

import (
	"database/sql"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// dbProbe is a Probe over db.
func dbProbe(db *sql.DB) Probe {
	return func(query string, args []any) ([][]any, error) {
		rows, err := db.Query(query, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		var out [][]any
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return nil, err
			}
			out = append(out, vals)
		}
		return out, rows.Err()
	}
}

// TestBagUnpackProbed checks bag_unpack without an output schema, its
// columns learned by a probe, against rows worked out by hand.
func TestBagUnpackProbed(t *testing.T) {
	schema := loadSchema(t)
	db := openDataset(t, schema)
	sem := openSemantics(t)
	for _, tc := range []struct {
		name, query string
		db          *sql.DB
		schema      Schema
		columns     string
		want        [][]string
	}{
		{
			// The slots follow the input's columns, in name order; a slot
			// missing from a row is "" (string) or null.
			name: "alert properties",
			query: `SecurityAlert | where AlertSeverity == "High" | extend Props = parse_json(ExtendedProperties)
				| project SystemAlertId, Props | evaluate bag_unpack(Props) | where Score >= 9.5 | order by Score desc, SystemAlertId asc`,
			db: db, schema: schema,
			columns: "SystemAlertId:string, Attacker IP:string, Compromised Host:string, Resource type:string, Score:real",
			want: [][]string{
				{"25170021-aaaa-bbbb-cccc-000000000021", "", "VM-WEB-01", "Virtual Machine", "10"},
				{"25170006-aaaa-bbbb-cccc-000000000006", "", "VM-DC-01", "Virtual Machine", "9.9"},
				{"25170006-aaaa-bbbb-cccc-000000000006", "", "VM-DC-01", "Virtual Machine", "9.9"},
				{"25170020-aaaa-bbbb-cccc-000000000020", "203.0.113.7", "AKS-NODE-7", "Key Vault", "9.7"},
				{"25170004-aaaa-bbbb-cccc-000000000004", "", "AKS-NODE-7", "Kubernetes Service", "9.5"},
			},
		},
		{
			// A slot whose values differ in type is dynamic; the prefix
			// names every slot column.
			name:  "mixed types and prefix",
			query: `Events | where Id <= 3 | project Id, D | evaluate bag_unpack(D, "d_") | project Id, Arr = array_length(d_arr), d_b, N = tostring(d_n), d_x | order by Id asc`,
			db:    sem, schema: semanticsSchema,
			columns: "Id:long, Arr:long, d_b:bool, N:string, d_x:string",
			want:    [][]string{{"1", "2", "true", "3", "a"}, {"2", "0", "false", "1.5", "A"}, {"3", "<null>", "<null>", "7", "b"}},
		},
		{
			name:  "types of the slots",
			query: `Events | where Id <= 3 | project D | evaluate bag_unpack(D) | getschema | project ColumnName, ColumnType`,
			db:    sem, schema: semanticsSchema,
			columns: "ColumnName:string, ColumnType:string",
			want:    [][]string{{"arr", "dynamic"}, {"b", "bool"}, {"n", "dynamic"}, {"x", "string"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := Compile(tc.query, tc.schema, testNow, WithProbe(dbProbe(tc.db)))
			if err != nil {
				t.Fatalf("%s: %v", tc.query, err)
			}
			if got := columnsString(q.Columns); got != tc.columns {
				t.Errorf("columns\n got %s\nwant %s", got, tc.columns)
			}
			if tc.db == db {
				checkOpenColumns(t, tc.query, q.Columns)
			}
			out, err := runCSV(tc.db, q)
			if err != nil {
				t.Fatalf("%v\n%s", err, q.SQL)
			}
			got := [][]string{}
			for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n")[1:] {
				got = append(got, strings.Split(l, ","))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}

// TestBagUnpackProbedRefused checks what bag_unpack without a schema refuses.
func TestBagUnpackProbedRefused(t *testing.T) {
	schema := loadSchema(t)
	db := openDataset(t, schema)
	for _, tc := range []struct {
		query string
		probe bool
		code  string
		msg   string
	}{
		{"SecurityAlert | extend P = parse_json(ExtendedProperties) | evaluate bag_unpack(P)", false, CodeNotSupported, "without an output schema"},
		// Some alerts' Score is null: Kusto's typing of such a slot is not documented.
		{"SecurityAlert | extend P = parse_json(ExtendedProperties) | evaluate bag_unpack(P)", true, CodeNotSupported, "slot that holds null ('Score')"},
		{"SecurityAlert | where AlertSeverity == 'High' | extend P = parse_json(ExtendedProperties) | project Score = 1, P | evaluate bag_unpack(P)", true, CodeArgument, "the slot 'Score' has the name of a column"},
		// A probe cannot see the row of an enclosing mv-apply.
		{"SecurityAlert | mv-apply e = parse_json(Entities) on (evaluate bag_unpack(e))", true, CodeNotSupported, "without an output schema"},
	} {
		var opts []Option
		if tc.probe {
			opts = append(opts, WithProbe(dbProbe(db)))
		}
		_, err := Compile(tc.query, schema, testNow, opts...)
		var e *Error
		if !errors.As(err, &e) || e.Code != tc.code || !strings.Contains(e.Message, tc.msg) {
			t.Errorf("%s: got %v, want %s containing %q", tc.query, err, tc.code, tc.msg)
		}
	}
}

// checkOpenColumns asks the oracle about a query whose columns depend on the
// data: Kusto.Language lists the columns it knows, in order, and those the
// query names without knowing them typed "unknown". secexport must return
// the known ones in that order, with those types, and every named one.
func checkOpenColumns(t *testing.T, query string, cols []Column) {
	t.Helper()
	if testing.Short() {
		return // needs node and Kusto.Language
	}
	reply := askOracle(t, []string{query})[0]
	if !reply.Valid {
		t.Fatalf("Kusto rejects %s: %v", query, reply.Diagnostics)
	}
	pos := map[string]int{}
	for i, c := range cols {
		pos[c.Name] = i
	}
	last := -1
	for _, oc := range reply.Columns {
		i, ok := pos[oc.Name]
		switch {
		case oracleHidden(oc.Name) && !ok:
		case !ok:
			t.Errorf("Kusto has the column %s:%s, secexport does not", oc.Name, oc.Type)
		case oc.Type == "unknown":
		case cols[i].Type != oc.Type || i < last:
			t.Errorf("Kusto has %s:%s in this order, secexport %s:%s at %d", oc.Name, oc.Type, cols[i].Name, cols[i].Type, i)
		default:
			last = i
		}
	}
}
