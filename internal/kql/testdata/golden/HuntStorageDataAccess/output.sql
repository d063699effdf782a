WITH "_q1" AS (SELECT "AlertName", count(*) AS "count_" FROM "SecurityAlert" WHERE json_extract_string(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), '$."Resource type"') = $1 GROUP BY "AlertName")
SELECT * FROM "_q1" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "Storage"
