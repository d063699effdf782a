WITH "_q1" AS (SELECT *, upper("CompromisedEntity") AS "Host" FROM "SecurityAlert"),
"_q2" AS (SELECT "Host", count(*) AS "count_" FROM "_q1" WHERE starts_with(lower("Host"), $1) GROUP BY "Host")
SELECT * FROM "_q2" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "vm-web"
