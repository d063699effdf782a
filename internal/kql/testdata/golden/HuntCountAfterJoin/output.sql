WITH "_q1" AS (SELECT * FROM "SecurityRegulatoryCompliance" WHERE "State" = $1),
"_q2" AS (SELECT * FROM "SecurityRecommendation" WHERE "RecommendationState" = $2)
SELECT count(*) AS "Count" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."RecommendationName" = "r"."RecommendationDisplayName"
-- $1 = "Failed"
-- $2 = "Unhealthy"
