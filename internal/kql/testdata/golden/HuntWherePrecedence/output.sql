WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE ("AlertSeverity" = $1 OR "AlertSeverity" = $2 AND "IsIncident") GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
