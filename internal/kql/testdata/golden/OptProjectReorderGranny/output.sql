SELECT "PercentageScore" AS "Score1", "CurrentScore" AS "Score2", "MaxScore" AS "Score10", "Weight" AS "score3", "ControlName" FROM "SecureScoreControls" WHERE "ControlName" = $1 AND "IsSnapshot"
-- $1 = "Enable MFA"
