SELECT "MaxScore", "TimeGenerated", "ControlName", "CurrentScore", "Weight" FROM "SecureScoreControls" WHERE "IsSnapshot" ORDER BY "ControlName" ASC NULLS FIRST
