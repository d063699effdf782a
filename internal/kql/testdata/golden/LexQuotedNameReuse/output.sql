WITH "_q1" AS (SELECT *, CAST(round((100::DOUBLE * "UnhealthyResources") / ((CAST("HealthyResources" AS BIGINT) + CAST("UnhealthyResources" AS BIGINT)) + CAST("NotApplicableResources" AS BIGINT)), 1) AS DOUBLE) AS "Unhealthy %" FROM "SecureScoreControls")
SELECT "ControlName", "SecureScoresSubscriptionId", "Unhealthy %" FROM "_q1" WHERE "Unhealthy %" > 25 ORDER BY "Unhealthy %" DESC NULLS LAST
