WITH "_q1" AS (SELECT "SecureScoresSubscriptionId", min("PercentageScore") AS "Lowest", max("PercentageScore") AS "Highest", count(*) AS "Samples" FROM "SecureScores" GROUP BY "SecureScoresSubscriptionId"),
"_q2" AS (SELECT *, CAST(round("Highest" - "Lowest", 4) AS DOUBLE) AS "Spread" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "SecureScoresSubscriptionId" ASC NULLS FIRST
