package kql

import (
	"errors"
	"strings"
	"testing"
)

// TestErrors checks that what cannot be run gets an *Error naming the
// construct and its position, and never SQL.
func TestErrors(t *testing.T) {
	schema := loadSchema(t)
	for _, tc := range []struct {
		query     string
		code      string
		line, col int
		msg       string
	}{
		// Valid KQL that is not supported yet.
		{"SecurityAlert | mv-apply parse_json(Entities) on (take 1)", CodeNotSupported, 1, 26, "name the expanded expression"},
		{"SecurityAlert | mv-apply with_itemindex=AlertName e = parse_json(Entities) on (take 1)", CodeNotSupported, 1, 41, "an item index named like another column"},
		{"SecurityAlert\n| parse kind=regex AlertName with * 'x' rest", CodeNotSupported, 2, 9, "parse kind=regex is not supported yet"},
		{"SecurityAlert | parse-where kind=relaxed AlertName with * 'x' rest", CodeNotSupported, 1, 29, "parse kind=relaxed"},
		{"SecurityAlert | parse AlertName with * 'x' rest:timespan", CodeNotSupported, 1, 49, "type timespan"},
		{"SecurityAlert | where row_number() > 2", CodeNotSupported, 1, 23, "row_number() is supported only in"},
		{"SecurityAlert | serialize | extend r = row_number(1, AlertName != 'x')", CodeNotSupported, 1, 40, "restart"},
		{"datatable (A: long) [\"x\"]", CodeType, 1, 22, "does not match column 'A'"},
		{"datatable (A: long, B: string) [1, \"x\", 2]", CodeArgument, 1, 1, "not a multiple"},
		{"SecurityAlert | extend p = parse_json(ExtendedProperties) | evaluate bag_unpack(p)", CodeNotSupported, 1, 70, "bag_unpack without an output schema is not supported"},
		{"SecurityAlert | evaluate autocluster()", CodeNotSupported, 1, 26, "the 'autocluster' plugin is not supported yet"},
		{"SecurityAlert | make-series kind=nonempty count() on TimeGenerated from ago(1d) to now() step 1h by AlertName", CodeNotSupported, 1, 29, "kind=nonempty with by"},
		{"SecurityAlert | make-series count() on TimeGenerated step 1h", CodeNotSupported, 1, 40, "without both from and to"},
		{"SecurityAlert | make-series count() on TimeGenerated from ago(1d) to now() step now() - ago(1h)", CodeNotSupported, 1, 81, "step that is not a constant"},
		{"SecurityAlert | top-nested 3 of AlertName with others = \"Other\" by count()", CodeNotSupported, 1, 57, "with others"},
		{"SecurityAlert | top-nested 2 of AlertSeverity by make_list(AlertName)", CodeNotSupported, 1, 50, "aggregate of type dynamic"},
		{"SecurityAlert | top-nested 3 of tolower(AlertName) by count()", CodeNotSupported, 1, 33, "name the top-nested expression"},
		{"let f = (x: string) { x }; SecurityAlert", CodeNotSupported, 1, 9, "user-defined functions"},
		{"let n = toscalar(SecurityAlert | count); SecurityAlert", CodeNotSupported, 1, 9, "'toscalar'"},
		{"SecurityAlert | extend d = format_datetime(TimeGenerated, \"dddd\")", CodeNotSupported, 1, 59, "the format specifier 'dddd' of format_datetime is not supported yet"},
		{"union kind=inner SecureScores, SecureScoreControls", CodeNotSupported, 1, 7, "kind=inner"},
		{"union Secure*", CodeNotSupported, 1, 7, "wildcards"},
		{"SecurityAlert | project-away Alert*", CodeNotSupported, 1, 30, "wildcards"},
		{"print 1", CodeNotSupported, 1, 1, "'print' operator"},
		{"SecurityAlert | count; SecureScores | count", CodeNotSupported, 1, 24, "several result tables"},
		{"Foo", CodeUnresolved, 1, 1, "'Foo'"},
		{"1 + 1", CodeNotSupported, 1, 1, "scalar queries"},
		{"SecurityAlert | where AlertName like 'x%'", CodeNotSupported, 1, 33, "'like'"},
		{"SecurityAlert | where AlertName in (dynamic([1]) )", CodeType, 1, 37, "Cannot compare"},
		// Unknown names.
		{"SecurityAlert | where Foo == 1", CodeUnresolved, 1, 23, "'where' operator: Failed to resolve scalar expression named 'Foo'"},
		{"Nope | count", CodeUnresolved, 1, 1, "Failed to resolve table or column expression named 'Nope'"},
		{"SecurityAlert | extend x = nope(AlertName)", CodeUnknownFunction, 1, 28, "Unknown function: 'nope'"},
		{"SecurityAlert | project-away Nope", CodeUnresolved, 1, 30, "'Nope'"},
		{"SecurityAlert | join (SecureScores) on Nope", CodeUnresolved, 1, 40, "'Nope'"},
		// Types and arguments.
		{"SecurityAlert | where AlertName > 'a'", CodeType, 1, 23, "Cannot compare values of types string and string"},
		{"SecurityAlert | where TimeGenerated > 5", CodeType, 1, 23, "datetime and long"},
		{"SecurityAlert | extend x = AlertName + 1", CodeType, 1, 28, "The operator '+' is not defined for the operand types string and long"},
		{"SecurityAlert | extend x = strlen()", CodeArgument, 1, 28, "expects 1 argument"},
		{"SecurityAlert | extend x = count()", CodeArgument, 1, 28, "can only be used in summarize"},
		{"SecurityAlert | summarize AlertName", CodeArgument, 1, 27, "must be an aggregate"},
		{"SecurityAlert | summarize count(count())", CodeArgument, 1, 33, "cannot be nested"},
		{"SecurityAlert | take AlertName", CodeUnresolved, 1, 22, "'AlertName'"},
		{"SecurityAlert | take 1.5", CodeArgument, 1, 22, "constant integer"},
		{"SecurityAlert | extend x = Entities.Type", CodeType, 1, 28, "parse_json() first"},
		{"SecurityAlert | extend x = extract(AlertName, 1, AlertName)", CodeArgument, 1, 36, "constant string"},
		{"SecurityAlert | where AlertName matches regex '('", CodeArgument, 1, 47, "not valid"},
		{"SecurityAlert | order by parse_json(Entities)", CodeType, 1, 26, "dynamic cannot be sorted"},
		{"SecurityAlert | extend x = iff(IsIncident, 1, 'a')", CodeType, 1, 28, "do not match"},
		{"SecurityAlert | project AlertName, x = 1, x = 2", CodeDuplicate, 1, 43, "'x' is already declared"},
		// Syntax: position of the offending token, CRLF counted as one line break.
		{"SecurityAlert\r\n| where\r\n| count", CodeSyntax, 3, 1, "Query could not be parsed at '|' on line [3,1]"},
		{"SecurityAlert | where AlertName == 'x", CodeSyntax, 1, 36, "unterminated string"},
		{"SecurityAlert | summarize count() by", CodeSyntax, 1, 37, "expected an expression"},
		{"SecurityAlert | take 10abc", CodeSyntax, 1, 22, "unknown timespan unit"},
		{"SecurityAlert | where x == \"\\d\"", CodeSyntax, 1, 29, "invalid escape sequence"},
		{"let x = 5;", CodeSyntax, 1, 11, "must end with a tabular expression"},
		{"SecurityAlert | sort AlertName", CodeSyntax, 1, 22, "expected 'by'"},
		{"SecurityAlert | where (((AlertName == 'x')", CodeSyntax, 1, 43, "expected ')'"},
		{"", CodeSyntax, 1, 1, "empty"},
		{"SecurityAlert | extend x = datetime(2024-13-01)", CodeSyntax, 1, 28, "invalid datetime"},
		{"SecurityAlert | where AlertName == 'a' 'b' | project ?", CodeSyntax, 1, 54, "unexpected character"},
	} {
		q, err := Compile(tc.query, schema, testNow)
		if err == nil {
			t.Errorf("%q: compiled, want an error\n%s", tc.query, q.SQL)
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: error is %T, want *Error", tc.query, err)
			continue
		}
		if e.Code != tc.code || e.Line != tc.line || e.Col != tc.col || !strings.Contains(e.Message, tc.msg) {
			t.Errorf("%q:\n got %s %d:%d %q\nwant %s %d:%d containing %q", tc.query, e.Code, e.Line, e.Col, e.Message, tc.code, tc.line, tc.col, tc.msg)
		}
		if !strings.Contains(e.Error(), "offset") {
			t.Errorf("%q: Error() = %q, want the byte offset too", tc.query, e.Error())
		}
	}
}
