WITH "_q1" AS (SELECT *, "MaxScore" - "CurrentScore" AS "Potential" FROM "SecureScoreControls"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Potential" DESC NULLS LAST LIMIT 3)
SELECT "ControlName", "CurrentScore", "MaxScore", "Potential" FROM "_q2"
