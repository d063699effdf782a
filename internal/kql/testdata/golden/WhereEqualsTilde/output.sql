SELECT count(*) AS "Count" FROM "SecurityAlert" WHERE lower("AlertSeverity") = $1
-- $1 = "high"
