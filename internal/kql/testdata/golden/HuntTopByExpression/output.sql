WITH "_q1" AS (SELECT DISTINCT "AlertName" FROM "SecurityAlert")
SELECT * FROM "_q1" ORDER BY length("AlertName") DESC NULLS LAST LIMIT 3
