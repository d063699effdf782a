WITH "_q1" AS (SELECT *, "MaxScore" - "CurrentScore" AS "Gain" FROM "SecureScoreControls"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Gain" DESC NULLS LAST LIMIT 3)
SELECT "ControlName", "SecureScoresSubscriptionId", "Gain" FROM "_q2"
