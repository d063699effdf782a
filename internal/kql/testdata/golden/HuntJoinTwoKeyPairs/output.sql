WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[2]'), '') AS "Sub" FROM "SecurityRecommendation" WHERE "RecommendationState" = $2),
"_q2" AS (SELECT "RecommendationDisplayName", "Sub" FROM "_q1"),
"_q3" AS (SELECT "RecommendationName", "RegulatoryComplianceSubscriptionId", "ComplianceStandard" FROM "SecurityRegulatoryCompliance" WHERE "State" = $3),
"_q4" AS (SELECT "l"."RecommendationDisplayName" AS "RecommendationDisplayName", "l"."Sub" AS "Sub", count(DISTINCT "r"."ComplianceStandard") AS "Standards" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."RecommendationDisplayName" = "r"."RecommendationName" AND "l"."Sub" = "r"."RegulatoryComplianceSubscriptionId" GROUP BY "l"."RecommendationDisplayName", "l"."Sub")
SELECT * FROM "_q4" ORDER BY "RecommendationDisplayName" ASC NULLS FIRST, "Sub" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "Unhealthy"
-- $3 = "Failed"
