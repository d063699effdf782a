WITH "_q1" AS (SELECT * FROM "SecurityAlert" ORDER BY "TimeGenerated" ASC NULLS FIRST)
SELECT "TimeGenerated", "AlertName" FROM "_q1" LIMIT 3
