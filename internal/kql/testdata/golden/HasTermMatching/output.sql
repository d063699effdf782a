SELECT "AlertName", count(*) AS "count_" FROM "SecurityAlert" WHERE regexp_matches("AlertName", $1) GROUP BY "AlertName"
-- $1 = "(?i)(^|[^\\pL\\pN])powershell($|[^\\pL\\pN])"
