WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "AlertSeverity" IN ($1, $2) ORDER BY random() LIMIT 5)
SELECT count(*) AS "Picked", count(*) FILTER (WHERE "AlertSeverity" NOT IN ($1, $2)) AS "Other" FROM "_q1"
-- $1 = "High"
-- $2 = "Medium"
