WITH "_q1" AS (SELECT "SecureScoresSubscriptionId" FROM "SecureScores" GROUP BY "SecureScoresSubscriptionId" ORDER BY random() LIMIT 1000)
SELECT count(*) AS "Count" FROM "_q1"
