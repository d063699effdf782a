WITH "_q1" AS (SELECT "ComplianceStandard", CAST(sum("PassedResources") AS BIGINT) AS "Passed", CAST(sum("FailedResources") AS BIGINT) AS "Failed", CAST(sum("SkippedResources") AS BIGINT) AS "Skipped" FROM "SecurityRegulatoryCompliance" GROUP BY "ComplianceStandard"),
"_q2" AS (SELECT *, CASE WHEN ("Passed" + "Failed") = 0 THEN CAST(NULL AS DOUBLE) ELSE CAST(round((100::DOUBLE * "Passed") / ("Passed" + "Failed"), 2) AS DOUBLE) END AS "PassRate" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "PassRate" ASC NULLS FIRST, "ComplianceStandard" ASC NULLS FIRST
