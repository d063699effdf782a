WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "Status" = $1 ORDER BY "TimeGenerated" DESC NULLS LAST LIMIT 3)
SELECT "TimeGenerated", "AlertName" FROM "_q1"
-- $1 = "New"
