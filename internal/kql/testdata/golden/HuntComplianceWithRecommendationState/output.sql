WITH "_q1" AS (SELECT "ComplianceStandard", "ComplianceControl", "RecommendationName" FROM "SecurityRegulatoryCompliance" WHERE "State" = $1),
"_q2" AS (SELECT "RecommendationDisplayName", count(DISTINCT "AssessedResourceId") FILTER (WHERE "RecommendationState" = $2) AS "UnhealthyResources" FROM "SecurityRecommendation" GROUP BY "RecommendationDisplayName"),
"_q3" AS (SELECT "l"."ComplianceStandard" AS "ComplianceStandard", "l"."ComplianceControl" AS "ComplianceControl", "r"."UnhealthyResources" AS "UnhealthyResources" FROM "_q1" AS "l" LEFT JOIN "_q2" AS "r" ON "l"."RecommendationName" = "r"."RecommendationDisplayName")
SELECT * FROM "_q3" ORDER BY "ComplianceStandard" ASC NULLS FIRST, "ComplianceControl" ASC NULLS FIRST
-- $1 = "Failed"
-- $2 = "Unhealthy"
