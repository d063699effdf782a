WITH "_q1" AS (SELECT "ResourceRegion", count(*) AS "Rows", count(*) FILTER (WHERE "RecommendationState" = $1) AS "Unhealthy" FROM "SecurityRecommendation" GROUP BY "ResourceRegion")
SELECT * FROM "_q1" ORDER BY "ResourceRegion" ASC NULLS FIRST
-- $1 = "Unhealthy"
