WITH "_q1" AS (SELECT *, coalesce(json_extract_string("Properties", '$.tags.env'), '') AS "EnvTag" FROM "SecurityRecommendation"),
"_q2" AS (SELECT "EnvTag", count(*) FILTER (WHERE "RecommendationState" = $1) AS "Unhealthy", count(*) AS "Total" FROM "_q1" GROUP BY "EnvTag")
SELECT * FROM "_q2" ORDER BY "EnvTag" ASC NULLS FIRST
-- $1 = "Unhealthy"
