WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR), CAST($2 AS VARCHAR))) AS _v("AlertName", "AlertSeverity")),
"_q2" AS (SELECT * FROM (VALUES (CAST($3 AS VARCHAR), CAST($4 AS VARCHAR))) AS _v("AlertName", "AlertSeverity")),
"_q3" AS (SELECT "AlertName", "AlertSeverity" FROM "SecurityAlert" UNION ALL SELECT "AlertName", "AlertSeverity" FROM "_q1" UNION ALL SELECT "AlertName", "AlertSeverity" FROM "_q2"),
"_q4" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "_q3" GROUP BY "AlertSeverity")
SELECT * FROM "_q4" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "Manual finding"
-- $2 = "Low"
-- $3 = "Pentest note"
-- $4 = "Informational"
