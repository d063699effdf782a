WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null') AS "Props" FROM "SecurityAlert"),
"_q2" AS (SELECT coalesce(json_extract_string("Props", '$."Resource type"'), '') AS "Resource type", count(*) AS "Alerts" FROM "_q1" GROUP BY coalesce(json_extract_string("Props", '$."Resource type"'), ''))
SELECT * FROM "_q2" WHERE "Resource type" <> $1 ORDER BY "Alerts" DESC NULLS LAST, "Resource type" ASC NULLS FIRST
-- $1 = ""
