WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE NOT lower("AlertSeverity") = $1 AND lower("Status") = $2 AND NOT lower("ProductName") = $3 GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "high"
-- $2 = "new"
-- $3 = "azure security center"
