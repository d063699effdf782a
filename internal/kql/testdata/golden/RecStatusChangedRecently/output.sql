SELECT "StatusChangeDate", "RecommendationDisplayName", "RecommendationState" FROM "SecurityRecommendation" WHERE "StatusChangeDate" > TIMESTAMP '2026-03-09 12:00:00' AND "RecommendationState" <> $1 ORDER BY "StatusChangeDate" DESC NULLS LAST
-- $1 = "Healthy"
