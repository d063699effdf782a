WITH "_q1" AS (SELECT "RecommendationDisplayName", count(*) FILTER (WHERE "RecommendationState" = $1) AS "Healthy", count(*) FILTER (WHERE "RecommendationState" = $2) AS "Unhealthy" FROM "SecurityRecommendation" GROUP BY "RecommendationDisplayName"),
"_q2" AS (SELECT *, CAST(round((100::DOUBLE * "Healthy") / ("Healthy" + "Unhealthy"), 1) AS DOUBLE) AS "HealthyPct" FROM "_q1" WHERE ("Healthy" + "Unhealthy") > 0)
SELECT * FROM "_q2" ORDER BY "HealthyPct" ASC NULLS FIRST, "RecommendationDisplayName" ASC NULLS FIRST
-- $1 = "Healthy"
-- $2 = "Unhealthy"
