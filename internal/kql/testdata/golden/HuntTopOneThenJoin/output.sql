WITH "_q1" AS (SELECT * FROM "SecureScores" ORDER BY "PercentageScore" DESC NULLS LAST LIMIT 1),
"_q2" AS (SELECT "SecureScoresSubscriptionId", "PercentageScore" FROM "_q1"),
"_q3" AS (SELECT * FROM "SecureScoreControls" WHERE "UnhealthyResources" > 0),
"_q4" AS (SELECT "r"."ControlName" AS "ControlName", "r"."UnhealthyResources" AS "UnhealthyResources", "l"."PercentageScore" AS "PercentageScore" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."SecureScoresSubscriptionId" = "r"."SecureScoresSubscriptionId")
SELECT * FROM "_q4" ORDER BY "UnhealthyResources" DESC NULLS LAST, "ControlName" ASC NULLS FIRST
