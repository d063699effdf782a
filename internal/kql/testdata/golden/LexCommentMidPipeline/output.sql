WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-07 12:00:00' AND "AlertSeverity" <> $1 GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "Informational"
