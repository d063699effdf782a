WITH "_q1" AS (SELECT "SecureScoresSubscriptionId", count(*) AS "Samples" FROM "SecureScores" GROUP BY "SecureScoresSubscriptionId")
SELECT * FROM "_q1" ORDER BY "SecureScoresSubscriptionId" ASC NULLS FIRST
