WITH "_q1" AS (SELECT "AlertName", count(*) AS "count_" FROM "SecurityAlert" WHERE json_extract_string(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$."Resource type"') = $1 GROUP BY "AlertName")
SELECT * FROM "_q1" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "Storage"
