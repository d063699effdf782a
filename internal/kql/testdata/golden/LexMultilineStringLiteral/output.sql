WITH "_q1" AS (SELECT "AlertName", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertName" IN ($1, $2) GROUP BY "AlertName")
SELECT * FROM "_q1" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "Suspicious PowerShell command line"
-- $2 = "Potential SQL Injection"
