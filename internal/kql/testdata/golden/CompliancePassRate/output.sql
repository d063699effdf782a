WITH "_q1" AS (SELECT "ComplianceStandard", count(*) FILTER (WHERE "State" = $1) AS "Passed", count(*) FILTER (WHERE "State" = $2) AS "Failed", count(*) FILTER (WHERE "State" = $3) AS "Skipped" FROM "SecurityRegulatoryCompliance" GROUP BY "ComplianceStandard"),
"_q2" AS (SELECT *, CASE WHEN ("Passed" + "Failed") = 0 THEN CAST(NULL AS DOUBLE) ELSE TRY_CAST("Passed" AS DOUBLE) / ("Passed" + "Failed") END AS "PassRate" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "ComplianceStandard" ASC NULLS FIRST
-- $1 = "Passed"
-- $2 = "Failed"
-- $3 = "Skipped"
