WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null') AS "Props" FROM "SecurityAlert"),
"_q2" AS (SELECT *, coalesce(json_extract_string("Props", '$."Resource type"'), '') AS "ResourceType", coalesce(json_extract_string("Props", '$."Compromised Host"'), '') AS "Host" FROM "_q1"),
"_q3" AS (SELECT "ResourceType", count(*) AS "Alerts" FROM "_q2" GROUP BY "ResourceType")
SELECT * FROM "_q3" ORDER BY "Alerts" DESC NULLS LAST, "ResourceType" ASC NULLS FIRST
