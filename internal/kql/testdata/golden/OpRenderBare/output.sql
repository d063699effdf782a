SELECT "SystemAlertId", "AlertName" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 ORDER BY "SystemAlertId" ASC NULLS FIRST LIMIT 2
-- $1 = "High"
