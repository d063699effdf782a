WITH "_q1" AS (SELECT "SecureScoresSubscriptionId" AS "Sub", "CurrentScore", "MaxScore" AS "CurrentScore1" FROM "SecureScores" WHERE "TimeGenerated" > TIMESTAMP '2026-03-08 12:00:00'),
"_q2" AS (SELECT "SecureScoresSubscriptionId", "CurrentScore", "ControlName" FROM "SecureScoreControls" WHERE "UnhealthyResources" > 3),
"_q3" AS (SELECT "l"."Sub" AS "Sub", "l"."CurrentScore" AS "CurrentScore", "l"."CurrentScore1" AS "CurrentScore1", "r"."SecureScoresSubscriptionId" AS "SecureScoresSubscriptionId", "r"."CurrentScore" AS "CurrentScore2", "r"."ControlName" AS "ControlName" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."Sub" = "r"."SecureScoresSubscriptionId")
SELECT * FROM "_q3" ORDER BY "ControlName" ASC NULLS FIRST, "Sub" ASC NULLS FIRST
