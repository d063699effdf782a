WITH "_q1" AS (SELECT count(*) AS "Count" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1 LIMIT 1),
"_q2" AS (SELECT count(*) AS "Count" FROM "SecurityRecommendation" LIMIT 1),
"_q3" AS (SELECT (SELECT "Count" FROM "_q1" LIMIT 1) AS "Open", (SELECT "Count" FROM "_q2" LIMIT 1) AS "All", CAST(round((100::DOUBLE * (SELECT "Count" FROM "_q1" LIMIT 1)) / (SELECT "Count" FROM "_q2" LIMIT 1), 1) AS DOUBLE) AS "OpenPct" FROM (SELECT 1) AS "_one")
SELECT * FROM "_q3"
-- $1 = "Unhealthy"
