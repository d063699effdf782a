WITH "_q1" AS (SELECT "VulnerabilityId", count(DISTINCT "AssessedResourceId") AS "Hosts", count(DISTINCT "RecommendationSubscriptionId") AS "Subscriptions" FROM "SecurityNestedRecommendation" GROUP BY "VulnerabilityId")
SELECT * FROM "_q1" WHERE "Hosts" > 1 ORDER BY "VulnerabilityId" ASC NULLS FIRST
