SELECT count(*) + (CAST(1 * 2 AS BIGINT)) AS "n" FROM "SecurityAlert" WHERE "AlertSeverity" = $1
-- $1 = "High"
