WITH "_q1" AS (SELECT DISTINCT "ComplianceStandard", "State" FROM "SecurityRegulatoryCompliance")
SELECT * FROM "_q1" ORDER BY "ComplianceStandard" ASC NULLS FIRST, "State" ASC NULLS FIRST
