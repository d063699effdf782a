WITH "_q1" AS (SELECT DISTINCT "AlertName", "CompromisedEntity" FROM "SecurityAlert" WHERE NOT starts_with(lower("AlertName"), $1) AND NOT ends_with(lower("AlertName"), $2) AND NOT regexp_matches("AlertName", $3) AND NOT regexp_matches("CompromisedEntity", $4))
SELECT * FROM "_q1" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "suspicious"
-- $2 = "detected"
-- $3 = "(?i)(^|[^\\pL\\pN])Ac"
-- $4 = "(?i)01($|[^\\pL\\pN])"
