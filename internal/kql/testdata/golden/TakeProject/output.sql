SELECT "TimeGenerated", "AlertName", "AlertSeverity" FROM "SecurityAlert" LIMIT 5
