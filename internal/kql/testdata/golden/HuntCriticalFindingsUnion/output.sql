WITH "_q1" AS (SELECT $1 AS "Origin", "RecommendationName" AS "Name", "AssessedResourceId" AS "Resource" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $2 UNION ALL SELECT $3 AS "Origin", "RecommendationDisplayName" AS "Name", "AssessedResourceId" AS "Resource" FROM "SecurityRecommendation" WHERE "RecommendationSeverity" = $4 AND "RecommendationState" = $5),
"_q2" AS (SELECT "Origin", count(*) AS "Findings" FROM "_q1" GROUP BY "Origin")
SELECT * FROM "_q2" ORDER BY "Origin" ASC NULLS FIRST
-- $1 = "union_arg0"
-- $2 = "Critical"
-- $3 = "union_arg1"
-- $4 = "High"
-- $5 = "Unhealthy"
