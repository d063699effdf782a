WITH "_q1" AS (SELECT "AlertName", count(*) AS "Alerts" FROM "SecurityAlert" WHERE (contains("AlertName", $1) OR contains("AlertName", $2)) GROUP BY "AlertName")
SELECT * FROM "_q1" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "shell"
-- $2 = "Shell"
