WITH "_q1" AS (SELECT "Environment", count(*) FILTER (WHERE "RecommendationState" = $1) AS "Unhealthy", count(*) AS "Total" FROM "SecurityRecommendation" GROUP BY "Environment"),
"_q2" AS (SELECT *, (100::DOUBLE * "Unhealthy") / "Total" AS "UnhealthyPct" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "Environment" ASC NULLS FIRST
-- $1 = "Unhealthy"
