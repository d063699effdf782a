WITH "_q1" AS (SELECT "SecureScoresSubscriptionId", count(*) AS "Days" FROM "SecureScores" WHERE "PercentageScore" >= 0.5::DOUBLE GROUP BY "SecureScoresSubscriptionId")
SELECT * FROM "_q1" ORDER BY "SecureScoresSubscriptionId" ASC NULLS FIRST
