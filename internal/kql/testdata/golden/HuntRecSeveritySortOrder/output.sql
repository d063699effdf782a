WITH "_q1" AS (SELECT *, CASE WHEN "RecommendationSeverity" = $1 THEN CAST(1 AS BIGINT) WHEN "RecommendationSeverity" = $2 THEN CAST(2 AS BIGINT) ELSE CAST(3 AS BIGINT) END AS "SevOrder" FROM "SecurityRecommendation" WHERE "RecommendationState" = $3),
"_q2" AS (SELECT "RecommendationDisplayName", "RecommendationSeverity", "SevOrder", count(DISTINCT "AssessedResourceId") AS "Resources" FROM "_q1" GROUP BY "RecommendationDisplayName", "RecommendationSeverity", "SevOrder")
SELECT "RecommendationDisplayName", "RecommendationSeverity", "Resources" FROM "_q2" ORDER BY "SevOrder" ASC NULLS FIRST, "Resources" DESC NULLS LAST, "RecommendationDisplayName" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "Unhealthy"
