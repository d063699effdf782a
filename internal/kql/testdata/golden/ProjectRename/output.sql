WITH "_q1" AS (SELECT "SystemAlertId", "AlertName", "AlertSeverity" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 ORDER BY "SystemAlertId" ASC NULLS FIRST)
SELECT "SystemAlertId", "AlertName" AS "Name", "AlertSeverity" AS "Severity" FROM "_q1"
-- $1 = "High"
