WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts", count(DISTINCT "AlertName") AS "Names" FROM "SecurityAlert" WHERE "CompromisedEntity" IN ($1, $2) GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "vm-dc-01"
-- $2 = "vm-sql-01"
