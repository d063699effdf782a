WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null') AS "Ents" FROM "SecurityAlert"),
"_q2" AS (SELECT *, CASE WHEN json_type("Ents") = 'ARRAY' THEN CAST(json_array_length("Ents") AS BIGINT) END AS "EntityCount", coalesce(json_extract_string("Ents", '$[0].Type'), '') AS "FirstType" FROM "_q1"),
"_q3" AS (SELECT "EntityCount", "FirstType", count(*) AS "Alerts" FROM "_q2" GROUP BY "EntityCount", "FirstType")
SELECT * FROM "_q3" ORDER BY "EntityCount" ASC NULLS FIRST, "FirstType" ASC NULLS FIRST
