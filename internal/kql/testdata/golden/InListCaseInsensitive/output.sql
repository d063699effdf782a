WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "count_" FROM "SecurityAlert" WHERE lower("AlertSeverity") IN ($1, $2) GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "high"
-- $2 = "low"
