SELECT "AlertName", "SystemAlertId", "TimeGenerated" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "Medium"
