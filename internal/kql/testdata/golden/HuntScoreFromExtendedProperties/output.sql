WITH "_q1" AS (SELECT *, TRY_CAST(json_extract_string(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$.Score') AS DOUBLE) AS "Score" FROM "SecurityAlert"),
"_q2" AS (SELECT "AlertSeverity", avg("Score") AS "avg_Score", max("Score") AS "max_Score", count(*) AS "count_" FROM "_q1" WHERE "Score" IS NOT NULL GROUP BY "AlertSeverity")
SELECT * FROM "_q2" ORDER BY "AlertSeverity" ASC NULLS FIRST
