WITH "_q1" AS (SELECT DISTINCT "AlertName" FROM "SecurityAlert" WHERE regexp_matches("AlertName", $1) AND regexp_matches("AlertName", $2))
SELECT * FROM "_q1" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])suspicious($|[^\\pL\\pN])"
-- $2 = "(?i)(^|[^\\pL\\pN])detected($|[^\\pL\\pN])"
