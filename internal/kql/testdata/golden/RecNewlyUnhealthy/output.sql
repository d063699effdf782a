WITH "_q1" AS (SELECT *, coalesce(json_extract_string("Properties", '$.status.cause'), '') AS "Cause" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1 AND "FirstEvaluationDate" > TIMESTAMP '2026-02-03 12:00:00'),
"_q2" AS (SELECT "RecommendationDisplayName", "RecommendationSeverity", count(DISTINCT "AssessedResourceId") AS "Resources", coalesce(to_json(list(DISTINCT "Cause" ORDER BY "Cause") FILTER (WHERE "Cause" IS NOT NULL)), CAST('[]' AS JSON)) AS "Causes" FROM "_q1" GROUP BY "RecommendationDisplayName", "RecommendationSeverity"),
"_q3" AS (SELECT * FROM "_q2" ORDER BY "RecommendationSeverity" ASC NULLS FIRST, "RecommendationDisplayName" ASC NULLS FIRST)
SELECT "RecommendationDisplayName", "RecommendationSeverity", "Resources", CAST("Causes" AS VARCHAR) AS "Causes" FROM "_q3"
-- $1 = "Unhealthy"
