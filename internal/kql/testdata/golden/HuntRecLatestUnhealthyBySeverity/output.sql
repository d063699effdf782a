WITH "_q1" AS (SELECT "AssessedResourceId", "RecommendationDisplayName", coalesce(arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "RecommendationState", "f2" := "RecommendationSeverity"), "TimeGenerated"), any_value(struct_pack("f0" := "TimeGenerated", "f1" := "RecommendationState", "f2" := "RecommendationSeverity"))) AS "__arg1" FROM "SecurityRecommendation" GROUP BY "AssessedResourceId", "RecommendationDisplayName"),
"_q2" AS (SELECT "AssessedResourceId", "RecommendationDisplayName", struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "RecommendationState", struct_extract("__arg1", 'f2') AS "RecommendationSeverity" FROM "_q1"),
"_q3" AS (SELECT "RecommendationSeverity", count(*) AS "Unhealthy" FROM "_q2" WHERE "RecommendationState" = $1 GROUP BY "RecommendationSeverity")
SELECT * FROM "_q3" ORDER BY "RecommendationSeverity" ASC NULLS FIRST
-- $1 = "Unhealthy"
