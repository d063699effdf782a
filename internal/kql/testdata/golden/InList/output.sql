WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "count_" FROM "SecurityAlert" WHERE "AlertSeverity" IN ($1, $2) AND "Status" NOT IN ($3, $4) GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "Resolved"
-- $4 = "Dismissed"
