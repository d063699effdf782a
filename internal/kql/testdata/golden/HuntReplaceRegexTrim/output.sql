WITH "_q1" AS (SELECT *, regexp_replace(regexp_replace(regexp_replace("AlertName", $1, $2, 'g'), $3, ''), $4, '') AS "Normalized" FROM "SecurityAlert"),
"_q2" AS (SELECT *, concat_ws($5, "AlertSeverity", "Normalized") AS "Label" FROM "_q1" WHERE contains(lower("AlertName"), $6))
SELECT "Label" FROM "_q2"
-- $1 = "\\s*\\(Preview\\)"
-- $2 = ""
-- $3 = "^(?:\\s+)+"
-- $4 = "(?:\\s+)+$"
-- $5 = " | "
-- $6 = "(preview)"
