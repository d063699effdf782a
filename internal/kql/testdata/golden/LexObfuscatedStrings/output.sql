SELECT "SystemAlertId", "CompromisedEntity" FROM "SecurityAlert" WHERE (regexp_matches("Entities", $1) OR regexp_matches("Entities", $2)) ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])svc-deploy($|[^\\pL\\pN])"
-- $2 = "(?i)(^|[^\\pL\\pN])alice($|[^\\pL\\pN])"
