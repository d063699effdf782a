SELECT "AlertName", "CompromisedEntity", "TimeGenerated" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 ORDER BY "TimeGenerated" ASC NULLS FIRST
-- $1 = "Low"
