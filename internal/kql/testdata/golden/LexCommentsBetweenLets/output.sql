SELECT count(*) AS "Count" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-08 12:00:00' AND "AlertSeverity" IN ($1)
-- $1 = "High"
