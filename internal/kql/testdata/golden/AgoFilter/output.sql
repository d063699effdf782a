SELECT "TimeGenerated", "AlertName", "AlertSeverity" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-10 06:00:00' ORDER BY "TimeGenerated" DESC NULLS LAST
