WITH "_q1" AS (SELECT * FROM "SecurityRegulatoryCompliance" WHERE "State" = $1),
"_q2" AS (SELECT * FROM "SecurityRecommendation" WHERE "RecommendationState" = $2),
"_q3" AS (SELECT "l"."ComplianceStandard" AS "ComplianceStandard", count(DISTINCT "r"."AssessedResourceId") AS "Resources" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."RecommendationName" = "r"."RecommendationDisplayName" GROUP BY "l"."ComplianceStandard")
SELECT * FROM "_q3" ORDER BY "ComplianceStandard" ASC NULLS FIRST
-- $1 = "Failed"
-- $2 = "Unhealthy"
