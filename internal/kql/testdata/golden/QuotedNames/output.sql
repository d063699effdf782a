WITH "_q1" AS (SELECT "AlertSeverity" AS "Severity level", count(*) AS "Alert count" FROM "SecurityAlert" GROUP BY "AlertSeverity")
SELECT * FROM "_q1" WHERE "Alert count" > 5 ORDER BY "Severity level" ASC NULLS FIRST
