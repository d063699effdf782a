WITH "_q1" AS (SELECT "AssessedResourceId", "RecommendationId", coalesce(arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "RecommendationState"), "TimeGenerated"), any_value(struct_pack("f0" := "TimeGenerated", "f1" := "RecommendationState"))) AS "__arg1" FROM "SecurityRecommendation" GROUP BY "AssessedResourceId", "RecommendationId"),
"_q2" AS (SELECT "AssessedResourceId", "RecommendationId", struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "RecommendationState" FROM "_q1"),
"_q3" AS (SELECT "RecommendationState", count(*) AS "count_" FROM "_q2" GROUP BY "RecommendationState")
SELECT * FROM "_q3" ORDER BY "RecommendationState" ASC NULLS FIRST
