WITH "_q1" AS (SELECT "SecureScoresSubscriptionId", any_value(upper("Environment")) AS "any_arg0", count(DISTINCT "ControlName") AS "Controls", CAST(sum("UnhealthyResources") AS BIGINT) AS "Unhealthy" FROM "SecureScoreControls" GROUP BY "SecureScoresSubscriptionId")
SELECT * FROM "_q1" ORDER BY "SecureScoresSubscriptionId" ASC NULLS FIRST
