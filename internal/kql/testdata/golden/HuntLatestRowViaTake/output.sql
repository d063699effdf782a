WITH "_q1" AS (SELECT * FROM "SecurityRecommendation" WHERE "RecommendationState" = $1 ORDER BY "TimeGenerated" DESC NULLS LAST LIMIT 1)
SELECT "TimeGenerated", "RecommendationDisplayName", "AssessedResourceId" FROM "_q1"
-- $1 = "Unhealthy"
