WITH "_q1" AS (SELECT *, nullif(json_extract("Properties", '$.tags'), 'null') AS "Tags" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1),
"_q2" AS (SELECT "RecommendationDisplayName", "AssessedResourceId", coalesce(json_extract_string("Tags", '$.env'), '') AS "env" FROM "_q1"),
"_q3" AS (SELECT "env", count(*) AS "Unhealthy", count(DISTINCT "RecommendationDisplayName") AS "Recommendations" FROM "_q2" GROUP BY "env")
SELECT * FROM "_q3" ORDER BY "env" ASC NULLS FIRST
-- $1 = "Unhealthy"
