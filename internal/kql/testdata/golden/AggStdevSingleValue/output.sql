WITH "_q1" AS (SELECT "ControlName", CASE count("CurrentScore") WHEN 1 THEN 0.0 ELSE stddev_samp("CurrentScore") END AS "stdev_CurrentScore", CASE count("HealthyResources") WHEN 1 THEN 0.0 ELSE var_samp("HealthyResources") END AS "variance_HealthyResources", stddev_pop("CurrentScore") AS "stdevp_CurrentScore", count(*) AS "n" FROM "SecureScoreControls" WHERE "ControlType" = $1 GROUP BY "ControlName")
SELECT * FROM "_q1" ORDER BY "ControlName" ASC NULLS FIRST
-- $1 = "Custom"
