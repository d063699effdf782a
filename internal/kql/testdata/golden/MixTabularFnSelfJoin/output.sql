WITH "_q1" AS (SELECT DISTINCT "CompromisedEntity" FROM "SecurityAlert" WHERE regexp_matches("Tactics", $1)),
"_q2" AS (SELECT DISTINCT "CompromisedEntity" FROM "SecurityAlert" WHERE regexp_matches("Tactics", $2)),
"_q3" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity")
SELECT * FROM "_q3" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])Execution($|[^\\pL\\pN])"
-- $2 = "(?i)(^|[^\\pL\\pN])CredentialAccess($|[^\\pL\\pN])"
