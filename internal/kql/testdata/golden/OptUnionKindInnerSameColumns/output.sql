WITH "_q1" AS (SELECT "SecureScoresSubscriptionId" AS "Subscription", "DisplayName" AS "Name", "CurrentScore" FROM "SecureScores" WHERE "IsSnapshot" UNION ALL SELECT "SecureScoresSubscriptionId" AS "Subscription", "ControlName" AS "Name", "CurrentScore" FROM "SecureScoreControls" WHERE "IsSnapshot")
SELECT * FROM "_q1" ORDER BY "Subscription" ASC NULLS FIRST, "Name" ASC NULLS FIRST
