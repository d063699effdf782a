SELECT "AlertName", "Status" FROM "SecurityAlert" WHERE regexp_matches("Description", $1) AND regexp_matches("Description", $2) ORDER BY "AlertName" ASC NULLS FIRST, "Status" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])suspicious($|[^\\pL\\pN])"
-- $2 = "(?i)(^|[^\\pL\\pN])vm-web-01($|[^\\pL\\pN])"
