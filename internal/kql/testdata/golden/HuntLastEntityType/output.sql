WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null') AS "Ents" FROM "SecurityAlert"),
"_q2" AS (SELECT *, coalesce(json_extract_string("Ents", '$[#-1].Type'), '') AS "LastType" FROM "_q1"),
"_q3" AS (SELECT "LastType", count(*) AS "Alerts" FROM "_q2" GROUP BY "LastType")
SELECT * FROM "_q3" ORDER BY "LastType" ASC NULLS FIRST
