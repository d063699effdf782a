WITH "_q1" AS (SELECT "ComplianceStandard", CAST(sum("FailedResources") AS BIGINT) AS "Failed", CAST(sum("PassedResources") AS BIGINT) AS "Passed", CAST(sum("SkippedResources") AS BIGINT) AS "Skipped" FROM "SecurityRegulatoryCompliance" GROUP BY "ComplianceStandard"),
"_q2" AS (SELECT *, TRY_CAST("Failed" AS DOUBLE) / ("Failed" + "Passed") AS "FailShare" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "Failed" DESC NULLS LAST LIMIT 3
