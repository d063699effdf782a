SELECT "Environment", "RecommendationDisplayName", "AssessedResourceId", "ResourceRegion" FROM "SecurityRecommendation" WHERE "Environment" IN ($1, $2) AND "RecommendationState" <> $3 ORDER BY "Environment" ASC NULLS FIRST, "AssessedResourceId" ASC NULLS FIRST
-- $1 = "AWS"
-- $2 = "GCP"
-- $3 = "Healthy"
