SELECT "ComplianceStandard", "ComplianceControl", "SkippedResources" FROM "SecurityRegulatoryCompliance" WHERE "State" = $1 AND "SkippedResources" > 0 ORDER BY "ComplianceStandard" ASC NULLS FIRST
-- $1 = "Skipped"
