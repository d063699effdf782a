WITH "_q1" AS (SELECT *, CASE WHEN regexp_matches(json_extract_string("AdditionalData", '$.publishedTime'), '(Z|[+-]\d\d:?\d\d)$') THEN timezone('UTC', TRY_CAST(json_extract_string("AdditionalData", '$.publishedTime') AS TIMESTAMPTZ)) ELSE TRY_CAST(json_extract_string("AdditionalData", '$.publishedTime') AS TIMESTAMP) END AS "Published" FROM "SecurityNestedRecommendation"),
"_q2" AS (SELECT *, date_diff('day', "Published", TIMESTAMP '2026-03-10 12:00:00') AS "AgeDays" FROM "_q1"),
"_q3" AS (SELECT "RecommendationSeverity", max("AgeDays") AS "Oldest", min("AgeDays") AS "Newest" FROM "_q2" GROUP BY "RecommendationSeverity")
SELECT * FROM "_q3" ORDER BY "RecommendationSeverity" ASC NULLS FIRST
