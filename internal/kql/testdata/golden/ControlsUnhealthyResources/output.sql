WITH "_q1" AS (SELECT "ControlName", CAST(sum("UnhealthyResources") AS BIGINT) AS "Unhealthy" FROM "SecureScoreControls" WHERE "UnhealthyResources" > 0 GROUP BY "ControlName")
SELECT * FROM "_q1" ORDER BY "Unhealthy" DESC NULLS LAST, "ControlName" ASC NULLS FIRST
