WITH "_q1" AS (SELECT "ComplianceStandard", count(DISTINCT "ComplianceControl") AS "FailedControls", CAST(sum("FailedResources") AS BIGINT) AS "FailedResources" FROM "SecurityRegulatoryCompliance" WHERE "State" = $1 GROUP BY "ComplianceStandard")
SELECT * FROM "_q1" ORDER BY "FailedResources" DESC NULLS LAST, "ComplianceStandard" ASC NULLS FIRST
-- $1 = "Failed"
