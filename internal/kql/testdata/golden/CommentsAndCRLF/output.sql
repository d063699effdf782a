SELECT count(*) AS "Count" FROM "SecurityAlert" WHERE "AlertSeverity" = $1
-- $1 = "Low"
