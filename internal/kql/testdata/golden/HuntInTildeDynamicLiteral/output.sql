WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE lower("AlertSeverity") IN ($1, $2) GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "high"
-- $2 = "informational"
