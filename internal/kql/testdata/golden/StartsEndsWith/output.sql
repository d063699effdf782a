WITH "_q1" AS (SELECT "AlertName", count(*) AS "count_" FROM "SecurityAlert" WHERE (starts_with(lower("AlertName"), $1) OR ends_with(lower("AlertName"), $2)) GROUP BY "AlertName")
SELECT * FROM "_q1" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "suspicious"
-- $2 = "detected"
