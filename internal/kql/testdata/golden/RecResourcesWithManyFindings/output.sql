WITH "_q1" AS (SELECT "AssessedResourceId", count(*) AS "Findings", coalesce(to_json(list(DISTINCT "RecommendationSeverity" ORDER BY "RecommendationSeverity") FILTER (WHERE "RecommendationSeverity" IS NOT NULL)), CAST('[]' AS JSON)) AS "Severities" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1 GROUP BY "AssessedResourceId"),
"_q2" AS (SELECT * FROM "_q1" WHERE "Findings" > 1 ORDER BY "Findings" DESC NULLS LAST, "AssessedResourceId" ASC NULLS FIRST)
SELECT "AssessedResourceId", "Findings", CAST("Severities" AS VARCHAR) AS "Severities" FROM "_q2"
-- $1 = "Unhealthy"
