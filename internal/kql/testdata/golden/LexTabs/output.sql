SELECT "TimeGenerated", "AlertName" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 ORDER BY "TimeGenerated" ASC NULLS FIRST
-- $1 = "Low"
