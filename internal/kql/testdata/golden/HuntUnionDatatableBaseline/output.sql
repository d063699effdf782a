WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR))) AS _v("Host")),
"_q2" AS (SELECT $3 AS "Feed", "CompromisedEntity" AS "Host" FROM "SecurityAlert" WHERE "AlertSeverity" = $4 UNION ALL SELECT $5 AS "Feed", "Host" FROM "_q1"),
"_q3" AS (SELECT "Host", count(DISTINCT "Feed") AS "Sources", count(*) AS "Rows" FROM "_q2" GROUP BY "Host")
SELECT * FROM "_q3" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "vm-web-01"
-- $2 = "vm-legacy-09"
-- $3 = "union_arg0"
-- $4 = "High"
-- $5 = "union_arg1"
