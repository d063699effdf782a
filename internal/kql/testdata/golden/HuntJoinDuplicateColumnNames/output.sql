WITH "_q1" AS (SELECT "TimeGenerated", "RecommendationDisplayName", "AssessedResourceId" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1),
"_q2" AS (SELECT "TimeGenerated", "RecommendationName", "ComplianceStandard" FROM "SecurityRegulatoryCompliance" WHERE "State" = $2),
"_q3" AS (SELECT "r"."ComplianceStandard" AS "ComplianceStandard", count(*) AS "Pairs" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."RecommendationDisplayName" = "r"."RecommendationName" WHERE "r"."TimeGenerated" >= "l"."TimeGenerated" GROUP BY "r"."ComplianceStandard")
SELECT * FROM "_q3" ORDER BY "ComplianceStandard" ASC NULLS FIRST
-- $1 = "Unhealthy"
-- $2 = "Failed"
