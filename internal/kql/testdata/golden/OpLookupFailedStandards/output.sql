WITH "_q1" AS (SELECT "RecommendationName", coalesce(to_json(list(DISTINCT "ComplianceStandard" ORDER BY "ComplianceStandard") FILTER (WHERE "ComplianceStandard" IS NOT NULL)), CAST('[]' AS JSON)) AS "FailedStandards", CAST(sum("FailedResources") AS BIGINT) AS "FailedResources" FROM "SecurityRegulatoryCompliance" WHERE "State" = $1 GROUP BY "RecommendationName"),
"_q2" AS (SELECT "TimeGenerated", "RecommendationDisplayName", "AssessedResourceId" FROM "SecurityRecommendation" WHERE "RecommendationState" = $2),
"_q3" AS (SELECT "l"."TimeGenerated" AS "TimeGenerated", "l"."RecommendationDisplayName" AS "RecommendationDisplayName", "l"."AssessedResourceId" AS "AssessedResourceId", "r"."FailedStandards" AS "FailedStandards", "r"."FailedResources" AS "FailedResources" FROM "_q2" AS "l" LEFT JOIN "_q1" AS "r" ON "l"."RecommendationDisplayName" = "r"."RecommendationName"),
"_q4" AS (SELECT * FROM "_q3" ORDER BY "TimeGenerated" DESC NULLS LAST)
SELECT "TimeGenerated", "RecommendationDisplayName", "AssessedResourceId", CAST("FailedStandards" AS VARCHAR) AS "FailedStandards", "FailedResources" FROM "_q4"
-- $1 = "Failed"
-- $2 = "Unhealthy"
