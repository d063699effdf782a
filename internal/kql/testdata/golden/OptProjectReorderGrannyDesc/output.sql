SELECT "MaxScore" AS "Score10", "Weight" AS "score3", "CurrentScore" AS "Score2", "PercentageScore" AS "Score1", "ControlName" FROM "SecureScoreControls" WHERE "ControlName" = $1 AND "IsSnapshot"
-- $1 = "Enable MFA"
