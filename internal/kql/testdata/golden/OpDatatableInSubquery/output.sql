WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR))) AS _v("Host")),
"_q2" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "CompromisedEntity" IN (SELECT "Host" FROM "_q1" WHERE "Host" IS NOT NULL) GROUP BY "CompromisedEntity")
SELECT * FROM "_q2" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "vm-web-01"
-- $2 = "vm-dc-01"
