WITH "_q1" AS (SELECT *, concat($1, "AlertName", $2) AS "Quote", $3 AS "Single" FROM "SecurityAlert" WHERE "AlertName" = $4)
SELECT "Quote", "Single" FROM "_q1" LIMIT 1
-- $1 = "alert \""
-- $2 = "\" on 'host'"
-- $3 = "it's on '"
-- $4 = "Potential SQL Injection"
