WITH "_q1" AS (SELECT "RecommendationSeverity", count(DISTINCT "AssessedResourceId") AS "Resources" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1 GROUP BY "RecommendationSeverity")
SELECT * FROM "_q1" ORDER BY "RecommendationSeverity" ASC NULLS FIRST
-- $1 = "Unhealthy"
