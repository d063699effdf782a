WITH "_q1" AS (SELECT "Environment", count(*) FILTER (WHERE "RecommendationState" = $1) AS "Unhealthy", max(CASE WHEN "RecommendationSeverity" = $2 THEN CAST(3 AS BIGINT) WHEN "RecommendationSeverity" = $3 THEN CAST(2 AS BIGINT) WHEN "RecommendationSeverity" = $4 THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END) AS "Worst" FROM "SecurityRecommendation" WHERE CASE WHEN "RecommendationSeverity" = $2 THEN CAST(3 AS BIGINT) WHEN "RecommendationSeverity" = $3 THEN CAST(2 AS BIGINT) WHEN "RecommendationSeverity" = $4 THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END >= 2 GROUP BY "Environment")
SELECT * FROM "_q1" ORDER BY "Environment" ASC NULLS FIRST
-- $1 = "Unhealthy"
-- $2 = "High"
-- $3 = "Medium"
-- $4 = "Low"
