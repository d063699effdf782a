WITH "_q1" AS (SELECT "ControlName", CAST(sum("HealthyResources") AS BIGINT) AS "Healthy", CAST(sum("UnhealthyResources") AS BIGINT) AS "Unhealthy", CAST(sum("NotApplicableResources") AS BIGINT) AS "NotApplicable" FROM "SecureScoreControls" GROUP BY "ControlName"),
"_q2" AS (SELECT *, CASE WHEN ("Healthy" + "Unhealthy") = 0 THEN CAST(NULL AS DOUBLE) ELSE (100::DOUBLE * "Healthy") / ("Healthy" + "Unhealthy") END AS "Coverage" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "Coverage" ASC NULLS FIRST, "ControlName" ASC NULLS FIRST
