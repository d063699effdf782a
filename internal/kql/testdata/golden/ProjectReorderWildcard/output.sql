SELECT "Weight", "CurrentScore", "MaxScore", "ControlName", "TimeGenerated" FROM "SecureScoreControls" WHERE "IsSnapshot" ORDER BY "ControlName" ASC NULLS FIRST
