WITH "_q1" AS (SELECT "RecommendationDisplayName" AS "RecommendationName", count(DISTINCT "AssessedResourceId") AS "Resources", max("TimeGenerated") AS "TimeGenerated" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1 GROUP BY "RecommendationDisplayName"),
"_q2" AS (SELECT "RecommendationName", "ComplianceStandard", "ComplianceControl", "State", "TimeGenerated" FROM "SecurityRegulatoryCompliance"),
"_q3" AS (SELECT "l"."RecommendationName" AS "RecommendationName", "l"."Resources" AS "Resources", "l"."TimeGenerated" AS "TimeGenerated", "r"."ComplianceStandard" AS "ComplianceStandard", "r"."ComplianceControl" AS "ComplianceControl", "r"."State" AS "State", "r"."TimeGenerated" AS "TimeGenerated1" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."RecommendationName" = "r"."RecommendationName" WHERE "r"."State" = $2)
SELECT * FROM "_q3" ORDER BY "RecommendationName" ASC NULLS FIRST, "ComplianceStandard" ASC NULLS FIRST
-- $1 = "Unhealthy"
-- $2 = "Failed"
