SELECT "TimeGenerated", "RecommendationDisplayName", "RecommendationState" FROM "SecurityRecommendation" WHERE "IsSnapshot" = TRUE ORDER BY "TimeGenerated" ASC NULLS FIRST
