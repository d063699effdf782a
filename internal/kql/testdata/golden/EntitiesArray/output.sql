WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null') AS "Ents" FROM "SecurityAlert"),
"_q2" AS (SELECT *, coalesce(json_extract_string("Ents", '$[0].Type'), '') AS "First", coalesce(json_extract_string("Ents", '$[#-1].Type'), '') AS "Last", CASE WHEN json_type("Ents") = 'ARRAY' THEN CAST(json_array_length("Ents") AS BIGINT) END AS "N" FROM "_q1")
SELECT "SystemAlertId", "First", "Last", "N" FROM "_q2" WHERE "N" > 1 ORDER BY "SystemAlertId" ASC NULLS FIRST
