WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR))) AS _v("Host")),
"_q2" AS (SELECT "r"."Host" AS "Host", count(*) AS "Alerts" FROM "SecurityAlert" AS "l" JOIN "_q1" AS "r" ON "l"."CompromisedEntity" = "r"."Host" GROUP BY "r"."Host")
SELECT * FROM "_q2" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "vm-dc-01"
-- $2 = "aks-node-7"
