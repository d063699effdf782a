WITH "_q1" AS (SELECT "TimeGenerated", "CurrentScore" FROM "SecureScores" WHERE "SecureScoresSubscriptionId" = $1 ORDER BY "TimeGenerated" ASC NULLS FIRST)
SELECT *, CAST(round(("CurrentScore" * 100::DOUBLE) / 58, 1) AS DOUBLE) AS "Percent" FROM "_q1"
-- $1 = "22222222-2222-2222-2222-222222222222"
