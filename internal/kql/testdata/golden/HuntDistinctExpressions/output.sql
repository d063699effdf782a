WITH "_q1" AS (SELECT DISTINCT date_trunc('day', "TimeGenerated") AS "Day", lower("AlertSeverity") AS "Severity" FROM "SecurityAlert"),
"_q2" AS (SELECT "Day", count(*) AS "Severities" FROM "_q1" GROUP BY "Day")
SELECT * FROM "_q2" ORDER BY "Day" ASC NULLS FIRST
