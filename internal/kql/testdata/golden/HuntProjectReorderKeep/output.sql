WITH "_q1" AS (SELECT "Environment", "RecommendationSeverity", count(*) AS "Rows" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1 GROUP BY "RecommendationSeverity", "Environment")
SELECT * FROM "_q1" ORDER BY "Environment" ASC NULLS FIRST, "RecommendationSeverity" ASC NULLS FIRST
-- $1 = "Unhealthy"
