WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
