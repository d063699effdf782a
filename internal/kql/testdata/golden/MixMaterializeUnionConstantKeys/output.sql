WITH "_q1" AS (SELECT *, TRY_CAST(json_extract_string(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$.Score') AS DOUBLE) AS "Score" FROM "SecurityAlert"),
"_q2" AS (SELECT * FROM "_q1" WHERE "Score" IS NOT NULL),
"_q3" AS (SELECT "CompromisedEntity" AS "__k1", avg("Score") AS "__a" FROM "_q2" GROUP BY "CompromisedEntity"),
"_q4" AS (SELECT "t"."__k1" AS "__k1", "t"."__a" AS "__a1" FROM (SELECT * FROM "_q3" QUALIFY row_number() OVER (ORDER BY "__a" DESC NULLS LAST, "__k1" ASC NULLS FIRST) <= 1) AS "t"),
"_q5" AS (SELECT $1 AS "Metric", avg("Score") AS "Value" FROM "_q2" GROUP BY true),
"_q6" AS (SELECT $2 AS "Metric", TRY_CAST(count(*) AS DOUBLE) AS "Value" FROM "_q2" GROUP BY true),
"_q7" AS (SELECT "Metric", "Value" FROM "_q5" UNION ALL SELECT "Metric", "Value" FROM "_q6" UNION ALL SELECT concat($3, "__k1") AS "Metric", "__a1" AS "Value" FROM "_q4")
SELECT * FROM "_q7" ORDER BY "Metric" ASC NULLS FIRST
-- $1 = "avg score"
-- $2 = "scored alerts"
-- $3 = "top host "
