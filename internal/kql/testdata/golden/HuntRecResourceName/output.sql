WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "ResourceName" FROM "SecurityRecommendation" WHERE "RecommendationState" <> $2),
"_q2" AS (SELECT "ResourceName", coalesce(to_json(list(DISTINCT "RecommendationState" ORDER BY "RecommendationState") FILTER (WHERE "RecommendationState" IS NOT NULL)), CAST('[]' AS JSON)) AS "States", count(*) AS "Rows" FROM "_q1" GROUP BY "ResourceName"),
"_q3" AS (SELECT * FROM "_q2" ORDER BY "ResourceName" ASC NULLS FIRST)
SELECT "ResourceName", CAST("States" AS VARCHAR) AS "States", "Rows" FROM "_q3"
-- $1 = "/"
-- $2 = "Healthy"
