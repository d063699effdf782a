WITH "_q1" AS (SELECT "SecureScoresSubscriptionId" AS "Sub", "TimeGenerated", "CurrentScore" FROM "SecureScores" WHERE "TimeGenerated" > TIMESTAMP '2026-03-06 12:00:00'),
"_q2" AS (SELECT "SecureScoresSubscriptionId" AS "Sub", "CurrentScore", "MaxScore" AS "CurrentScore1" FROM "SecureScoreControls" WHERE "ControlName" = $1 AND "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00'),
"_q3" AS (SELECT "l"."Sub" AS "Sub", "l"."TimeGenerated" AS "TimeGenerated", "l"."CurrentScore" AS "CurrentScore", coalesce("r"."Sub", '') AS "Sub1", "r"."CurrentScore" AS "CurrentScore2", "r"."CurrentScore1" AS "CurrentScore1" FROM "_q1" AS "l" LEFT JOIN "_q2" AS "r" ON "l"."Sub" = "r"."Sub")
SELECT * FROM "_q3" ORDER BY "TimeGenerated" ASC NULLS FIRST
-- $1 = "Enable MFA"
