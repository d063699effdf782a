WITH "_q1" AS (SELECT * FROM "SecureScores" ORDER BY "TimeGenerated" ASC NULLS FIRST LIMIT 2)
SELECT "TimeGenerated", "CurrentScore" FROM "_q1"
