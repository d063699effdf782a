SELECT count(*) AS "Count" FROM "SecurityAlert" WHERE regexp_matches("AlertName", $1)
-- $1 = "(?i)(^|[^\\pL\\pN])shell($|[^\\pL\\pN])"
