SELECT "AssessedResourceId", "RecommendationDisplayName" FROM "SecurityRecommendation" WHERE starts_with(lower("AssessedResourceId"), $1) AND ends_with(lower("AssessedResourceId"), $2) ORDER BY "AssessedResourceId" ASC NULLS FIRST
-- $1 = "/subscriptions/11111111"
-- $2 = "prod"
