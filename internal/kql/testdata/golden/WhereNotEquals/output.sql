WITH "_q1" AS (SELECT "Status", count(*) AS "count_" FROM "SecurityAlert" WHERE "Status" <> $1 AND NOT lower("Status") = $2 GROUP BY "Status")
SELECT * FROM "_q1" ORDER BY "Status" ASC NULLS FIRST
-- $1 = "Resolved"
-- $2 = "dismissed"
