WITH "_q1" AS (SELECT "ControlType", count(DISTINCT "ControlName") AS "Controls", CAST(sum("UnhealthyResources") AS BIGINT) AS "Unhealthy", CAST(sum("NotApplicableResources") AS BIGINT) AS "NotApplicable" FROM "SecureScoreControls" GROUP BY "ControlType")
SELECT * FROM "_q1" ORDER BY "ControlType" ASC NULLS FIRST
