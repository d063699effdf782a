WITH "_q1" AS (SELECT *, lower("AlertSeverity") AS "Sev" FROM "SecurityAlert" WHERE "AlertSeverity" = $1)
SELECT "SystemAlertId", "Sev" FROM "_q1" ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "High"
