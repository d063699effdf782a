WITH "_q1" AS (SELECT DISTINCT "RecommendationName" FROM "SecurityRegulatoryCompliance" WHERE "State" = $1)
SELECT * FROM "_q1" ORDER BY "RecommendationName" ASC NULLS FIRST
-- $1 = "Failed"
