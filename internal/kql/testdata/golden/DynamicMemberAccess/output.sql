WITH "_q1" AS (SELECT *, coalesce(json_extract_string("Properties", '$.status.cause'), '') AS "Cause", coalesce(json_extract_string("Properties", '$.tags.env'), '') AS "Env", coalesce(json_extract_string("Properties", '$.metadata.categories[0]'), '') AS "Category" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1)
SELECT "RecommendationDisplayName", "AssessedResourceId", "Cause", "Env", "Category" FROM "_q1" LIMIT 6
-- $1 = "Unhealthy"
