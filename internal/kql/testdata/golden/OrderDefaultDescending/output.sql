SELECT "TimeGenerated", "CurrentScore" FROM "SecureScores" ORDER BY "CurrentScore" DESC NULLS LAST
