WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null') AS "Ents" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00'),
"_q2" AS (SELECT "TimeGenerated", "AlertName", "CompromisedEntity", coalesce(json_extract_string("Ents", '$[0].Address'), '') AS "IP" FROM "_q1" WHERE (regexp_matches("AlertName", $1) OR regexp_matches(coalesce(json_extract_string("Ents", '$'), ''), $2)))
SELECT * FROM "_q2" ORDER BY "TimeGenerated" DESC NULLS LAST
-- $1 = "(?i)(^|[^\\pL\\pN])tor($|[^\\pL\\pN])"
-- $2 = "(?i)(^|[^\\pL\\pN])185\\.220\\.101\\.4($|[^\\pL\\pN])"
