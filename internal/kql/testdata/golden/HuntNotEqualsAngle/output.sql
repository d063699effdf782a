WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertSeverity" <> $1 AND "AlertSeverity" <> $2 GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "Informational"
-- $2 = "Low"
