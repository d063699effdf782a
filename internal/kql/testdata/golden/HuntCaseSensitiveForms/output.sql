WITH "_q1" AS (SELECT "AlertName", count(*) AS "Alerts" FROM "SecurityAlert" WHERE (starts_with("AlertName", $1) OR ends_with("AlertName", $2) OR regexp_matches("AlertName", $3) OR regexp_matches("AlertName", $4)) GROUP BY "AlertName")
SELECT * FROM "_q1" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "Sus"
-- $2 = "SQL"
-- $3 = "(^|[^\\pL\\pN])Micro"
-- $4 = "ware($|[^\\pL\\pN])"
