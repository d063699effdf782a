SELECT "RecommendationDisplayName", "RecommendationState" FROM "SecurityRecommendation" WHERE "Environment" = $1 ORDER BY "RecommendationDisplayName" ASC NULLS FIRST, "RecommendationState" ASC NULLS FIRST
-- $1 = "AWS"
