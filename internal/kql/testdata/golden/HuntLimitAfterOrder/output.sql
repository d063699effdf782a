WITH "_q1" AS (SELECT * FROM "SecurityRecommendation" WHERE "RecommendationState" = $1 ORDER BY "StatusChangeDate" ASC NULLS FIRST LIMIT 3)
SELECT "StatusChangeDate", "RecommendationDisplayName" FROM "_q1"
-- $1 = "Unhealthy"
