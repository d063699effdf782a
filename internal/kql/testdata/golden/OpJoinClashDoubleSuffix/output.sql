WITH "_q1" AS (SELECT "SecureScoresSubscriptionId" AS "Sub", "DisplayName" AS "Sub1" FROM "SecureScores" WHERE "TimeGenerated" > TIMESTAMP '2026-03-08 12:00:00'),
"_q2" AS (SELECT "SecureScoresSubscriptionId" AS "Sub", "ControlName" AS "Sub1" FROM "SecureScoreControls" WHERE "UnhealthyResources" = 0),
"_q3" AS (SELECT DISTINCT ON ("Sub") * FROM "_q1"),
"_q4" AS (SELECT "l"."Sub" AS "Sub", "l"."Sub1" AS "Sub1", "r"."Sub" AS "Sub2", "r"."Sub1" AS "Sub11" FROM "_q3" AS "l" JOIN "_q2" AS "r" ON "l"."Sub" = "r"."Sub")
SELECT * FROM "_q4" ORDER BY "Sub" ASC NULLS FIRST, "Sub11" ASC NULLS FIRST
