WITH "_q1" AS (SELECT "AlertName" FROM "SecurityAlert" WHERE NOT contains(lower("AlertName"), $1) AND NOT contains("AlertName", $2) AND NOT regexp_matches("ProductName", $3) GROUP BY "AlertName")
SELECT * FROM "_q1" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "powershell"
-- $2 = "SQL"
-- $3 = "(?i)(^|[^\\pL\\pN])Azure($|[^\\pL\\pN])"
