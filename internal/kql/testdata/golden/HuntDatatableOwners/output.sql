WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR), CAST($2 AS VARCHAR)), (CAST($3 AS VARCHAR), CAST($4 AS VARCHAR)), (CAST($5 AS VARCHAR), CAST($6 AS VARCHAR))) AS _v("Host", "Owner")),
"_q2" AS (SELECT * FROM "SecurityAlert" WHERE "AlertSeverity" IN ($7, $8)),
"_q3" AS (SELECT "r"."Owner" AS "Owner", count(*) AS "Alerts" FROM "_q2" AS "l" JOIN "_q1" AS "r" ON "l"."CompromisedEntity" = "r"."Host" GROUP BY "r"."Owner")
SELECT * FROM "_q3" ORDER BY "Owner" ASC NULLS FIRST
-- $1 = "vm-dc-01"
-- $2 = "Identity team"
-- $3 = "aks-node-7"
-- $4 = "Platform team"
-- $5 = "vm-web-01"
-- $6 = "Web team"
-- $7 = "High"
-- $8 = "Medium"
