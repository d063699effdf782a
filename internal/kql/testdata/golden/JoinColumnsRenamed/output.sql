WITH "_q1" AS (SELECT "SecureScoresSubscriptionId", "CurrentScore" FROM "SecureScores" LIMIT 1),
"_q2" AS (SELECT "SecureScoresSubscriptionId", "CurrentScore", "ControlName" FROM "SecureScoreControls")
SELECT "l"."SecureScoresSubscriptionId" AS "SecureScoresSubscriptionId", "l"."CurrentScore" AS "CurrentScore", "r"."SecureScoresSubscriptionId" AS "SecureScoresSubscriptionId1", "r"."CurrentScore" AS "CurrentScore1", "r"."ControlName" AS "ControlName" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."SecureScoresSubscriptionId" = "r"."SecureScoresSubscriptionId" LIMIT 0
