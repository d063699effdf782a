WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR)), (CAST($3 AS VARCHAR))) AS _v("CommandLine")),
"_q2" AS (SELECT *, contains(lower("CommandLine"), $4) AS "Quoted" FROM "_q1" WHERE (regexp_matches("CommandLine", $5) OR contains(lower("CommandLine"), $6) OR regexp_matches("CommandLine", $7)))
SELECT * FROM "_q2" ORDER BY "CommandLine" ASC NULLS FIRST
-- $1 = "C:\\Windows\\System32\\rundll32.exe javascript:"
-- $2 = "powershell.exe -enc SQBFAFgA"
-- $3 = "cmd.exe /c \"whoami\""
-- $4 = "\""
-- $5 = "(?i)(^|[^\\pL\\pN])System32($|[^\\pL\\pN])"
-- $6 = "\\windows"
-- $7 = "(?i)(^|[^\\pL\\pN])whoami($|[^\\pL\\pN])"
