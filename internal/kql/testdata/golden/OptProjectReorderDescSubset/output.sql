WITH "_q1" AS (SELECT "CurrentScore" AS "Score2", "MaxScore" AS "Score10", "PercentageScore" AS "Score1", "ControlName", "HealthyResources" AS "Healthy", "UnhealthyResources" AS "Unhealthy" FROM "SecureScoreControls" WHERE "ControlName" = $1)
SELECT * FROM "_q1" ORDER BY "Score2" ASC NULLS FIRST
-- $1 = "Enable MFA"
