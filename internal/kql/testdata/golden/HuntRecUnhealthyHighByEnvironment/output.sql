WITH "_q1" AS (SELECT "Environment", count(DISTINCT "AssessedResourceId") AS "Resources", count(DISTINCT "RecommendationDisplayName") AS "Recommendations" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1 AND "RecommendationSeverity" = $2 GROUP BY "Environment")
SELECT * FROM "_q1" ORDER BY "Environment" ASC NULLS FIRST
-- $1 = "Unhealthy"
-- $2 = "High"
