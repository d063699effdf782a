WITH "_q1" AS (SELECT "RecommendationState", count(*) FILTER (WHERE "Environment" = $1) AS "Azure", count(*) FILTER (WHERE "Environment" = $2) AS "AWS", count(*) FILTER (WHERE "Environment" = $3) AS "GCP" FROM "SecurityRecommendation" GROUP BY "RecommendationState")
SELECT * FROM "_q1" ORDER BY "RecommendationState" ASC NULLS FIRST
-- $1 = "Azure"
-- $2 = "AWS"
-- $3 = "GCP"
