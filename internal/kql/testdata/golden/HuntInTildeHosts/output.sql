WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE lower("CompromisedEntity") IN ($1, $2) GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "vm-web-01"
-- $2 = "aks-node-7"
