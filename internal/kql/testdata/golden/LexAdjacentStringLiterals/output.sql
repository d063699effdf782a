WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertName" = $1 GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "Suspicious PowerShell command line"
