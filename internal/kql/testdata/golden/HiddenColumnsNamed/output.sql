WITH "_q1" AS (SELECT "_SubscriptionId", count(*) AS "Scores", count(DISTINCT "_ResourceId") AS "Resources" FROM "SecureScores" GROUP BY "_SubscriptionId")
SELECT * FROM "_q1" ORDER BY "_SubscriptionId" ASC NULLS FIRST
