WITH "_q1" AS (SELECT "RegulatoryComplianceSubscriptionId", count(DISTINCT "ComplianceStandard") AS "Standards", count(DISTINCT "ComplianceControl") AS "Controls", count(DISTINCT "ComplianceControl") FILTER (WHERE "State" = $1) AS "Failing" FROM "SecurityRegulatoryCompliance" GROUP BY "RegulatoryComplianceSubscriptionId")
SELECT * FROM "_q1" ORDER BY "RegulatoryComplianceSubscriptionId" ASC NULLS FIRST
-- $1 = "Failed"
