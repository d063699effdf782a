WITH "_q1" AS (SELECT "SecureScoresSubscriptionId", CAST(sum("MaxScore") AS BIGINT) - sum("CurrentScore") AS "Gap", (100::DOUBLE * CAST(sum("HealthyResources") AS BIGINT)) / (CAST(sum("HealthyResources") AS BIGINT) + CAST(sum("UnhealthyResources") AS BIGINT)) AS "Healthy" FROM "SecureScoreControls" GROUP BY "SecureScoresSubscriptionId"),
"_q2" AS (SELECT "SecureScoresSubscriptionId", CAST(round("Gap", 2) AS DOUBLE) AS "Gap", CAST(round("Healthy", 1) AS DOUBLE) AS "Healthy" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "SecureScoresSubscriptionId" ASC NULLS FIRST
