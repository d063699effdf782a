WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR), CAST($2 AS VARCHAR)), (CAST($3 AS VARCHAR), CAST($4 AS VARCHAR))) AS _v("Host", "Owner")),
"_q2" AS (SELECT "r"."Owner" AS "Owner", count(*) AS "Alerts" FROM "SecurityAlert" AS "l" JOIN "_q1" AS "r" ON "l"."CompromisedEntity" = "r"."Host" GROUP BY "r"."Owner")
SELECT * FROM "_q2" ORDER BY "Owner" ASC NULLS FIRST
-- $1 = "vm-web-01"
-- $2 = "alice"
-- $3 = "vm-sql-01"
-- $4 = "bob"
