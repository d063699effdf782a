WITH "_q1" AS (SELECT "Status", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 GROUP BY "Status")
SELECT * FROM "_q1" ORDER BY "Status" ASC NULLS FIRST
-- $1 = "Medium"
