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
		{"SecurityAlert | mv-apply x on (take 1)", CodeNotSupported, 1, 17, "the 'mv-apply' operator is not supported yet"},
		{"SecurityAlert\n| parse kind=regex AlertName with * 'x' rest", CodeNotSupported, 2, 9, "parse kind=regex is not supported yet"},
		{"SecurityAlert | parse-where kind=relaxed AlertName with * 'x' rest", CodeNotSupported, 1, 29, "parse kind=relaxed"},
		{"SecurityAlert | parse AlertName with * 'x' rest:timespan", CodeNotSupported, 1, 49, "type timespan"},
		{"SecurityAlert | where row_number() > 2", CodeNotSupported, 1, 23, "row_number() is supported only in"},
		{"SecurityAlert | serialize | extend r = row_number(1, AlertName != 'x')", CodeNotSupported, 1, 40, "restart"},
		{"datatable (A: long) [\"x\"]", CodeType, 1, 22, "does not match column 'A'"},
		{"datatable (A: long, B: string) [1, \"x\", 2]", CodeArgument, 1, 1, "not a multiple"},
		{"SecurityAlert | evaluate bag_unpack(x)", CodeNotSupported, 1, 17, "'evaluate'"},
		{"SecurityAlert | make-series count() on TimeGenerated step 1h", CodeNotSupported, 1, 17, "'make-series'"},
		{"SecurityAlert | top-nested 3 of AlertName by count()", CodeNotSupported, 1, 17, "'top-nested'"},
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
		// Names and positions on later lines, after CRLF, tabs and non-ASCII text.
		{"SecurityAlert\n| join kind=inner (SecurityIncident | project SystemAlertId) on SystemAlertId", CodeUnresolved, 2, 20, "'SecurityIncident'"},
		{"let recs = SecurityRecommendations;\nrecs | count", CodeUnresolved, 1, 12, "'SecurityRecommendations'"},
		{"union SecurityAlert, SecurityEvent", CodeUnresolved, 1, 22, "'SecurityEvent'"},
		{"SecurityAlert\n| project AlertName\n| where AlertSeverity == 'High'", CodeUnresolved, 3, 9, "'AlertSeverity'"},
		{"SecurityAlert\r\n| summarize n = count() by AlertSeverity\r\n| order by TimeGenerated", CodeUnresolved, 3, 12, "'TimeGenerated'"},
		{"SecurityAlert\n| summarize distinctcount(AlertName)", CodeUnknownFunction, 2, 13, "'distinctcount'"},
		{"SecurityAlert\n\t| extend e = tostr(CompromisedEntity)", CodeUnknownFunction, 2, 15, "'tostr'"},
		{"SecurityAlert | where Description has 'Überwachung' and Foo == 1", CodeUnresolved, 1, 57, "'Foo'"},
		{"SecurityAlert\n| where ConfidenceScore > '0.5'", CodeType, 2, 9, "real and string"},
		{"SecurityAlert\n| summarize sum(AlertName)", CodeType, 2, 13, "'sum'"},
		{"SecurityAlert\n| where TimeGenerated between (1 .. 5)", CodeType, 2, 9, "'between'"},
		{"SecurityAlert\n| extend x = substring(AlertName)", CodeArgument, 2, 14, "expects 2 to 3"},
		{"SecurityAlert | join kind=outer (SecureScores) on TenantId", CodeArgument, 1, 27, "Unknown join kind 'outer'"},
		{"SecurityAlert\n| where AlertSeverity = 'High'", CodeSyntax, 2, 23, "'='"},
		{"SecurityAlert\n| Where AlertSeverity == 'High'", CodeSyntax, 2, 3, "unknown query operator 'Where'"},
		{"SecurityAlert\n| | count", CodeSyntax, 2, 3, "expected a query operator"},
		{"let threshold = 3\nSecurityAlert", CodeSyntax, 2, 1, "expected ';' or '|'"},
		{"SecurityAlert\r\n| where AlertName has \"brute-force\r\n| count", CodeSyntax, 2, 23, "unterminated string"},
		{"SecurityAlert | extend i = indexof(AlertName, 'a', 0, -1, 2)", CodeNotSupported, 1, 59, "occurrence other than 1"},
		{"SecurityAlert\n| project A = AlertName, B = Status\n| project-rename A = B, B = A", CodeDuplicate, 3, 18, "'A' is already declared"},
		{"SecurityAlert | project-rename X = AlertName, X = Status", CodeDuplicate, 1, 47, "'X' is already declared"},
		{"SecurityRecommendation\n| summarize sumif(Properties.riskLevel, IsSnapshot)", CodeType, 2, 13, "The function 'sumif' is not compatible with arguments (dynamic, bool)"},
		// A dynamic value is no bool, datetime or timespan without a conversion.
		{"SecurityRecommendation | where Properties.riskLevel", CodeType, 1, 32, "must have the type bool, not dynamic"},
		{"SecurityRecommendation | extend x = iff(Properties.riskLevel, 1, 2)", CodeType, 1, 41, "The condition of 'iff' must be a bool, not dynamic"},
		{"SecurityRecommendation | where Properties.status.firstEvaluationDate < now()", CodeType, 1, 32, "Cannot compare values of types dynamic and datetime"},
		{"SecurityRecommendation | extend d = startofday(Properties.status.firstEvaluationDate)", CodeType, 1, 37, "'startofday' is not compatible with arguments (dynamic)"},
		{"SecurityRecommendation | extend x = coalesce(Properties.riskLevel, 1)", CodeType, 1, 37, "'coalesce' is not compatible with arguments (dynamic, long)"},
		{"SecurityRecommendation | extend x = 1h / Properties.riskLevel", CodeType, 1, 37, "The operator '/' is not defined for the operand types timespan and dynamic"},
		{"SecurityRecommendation | where Properties.riskLevel < IsSnapshot", CodeType, 1, 32, "Cannot compare values of types dynamic and bool"},
		{"SecurityAlert | extend x = strcat_array(split(Tactics, ','), AlertName)", CodeNotSupported, 1, 62, "delimiter that is not a constant"},
		{"SecureScoreControls | extend x = round(CurrentScore, HealthyResources)", CodeType, 1, 34, "The function 'round' is not compatible with arguments (real, int)"},
		{"SecureScoreControls | extend x = substring(ControlName, Properties.score.max)", CodeType, 1, 34, "The function 'substring' is not compatible with arguments (string, dynamic)"},
		{"SecureScoreControls | project K = MaxScore\n| join (SecureScores | project K = Weight) on K", CodeType, 2, 3, "The common column 'K' must have the same type on both sides of the join: (int, long)"},
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
