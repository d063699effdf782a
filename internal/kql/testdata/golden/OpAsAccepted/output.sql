WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "AlertSeverity" = $1)
SELECT "SystemAlertId" FROM "_q1" ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "High"
