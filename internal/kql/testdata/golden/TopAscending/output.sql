WITH "_q1" AS (SELECT * FROM "SecureScoreControls" ORDER BY "PercentageScore" ASC NULLS FIRST LIMIT 2)
SELECT "ControlName", "PercentageScore", "SecureScoresSubscriptionId" FROM "_q1"
