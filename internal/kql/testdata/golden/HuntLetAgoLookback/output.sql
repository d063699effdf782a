SELECT "TimeGenerated", "AlertName", "CompromisedEntity" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-10 00:00:00' AND "AlertSeverity" IN ($1, $2) ORDER BY "TimeGenerated" DESC NULLS LAST
-- $1 = "High"
-- $2 = "Medium"
