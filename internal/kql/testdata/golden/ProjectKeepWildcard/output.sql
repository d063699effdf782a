SELECT "ControlId", "ControlName", "ControlType", "CurrentScore", "MaxScore", "PercentageScore" FROM "SecureScoreControls" WHERE "IsSnapshot" ORDER BY "ControlName" ASC NULLS FIRST
