SELECT "ComplianceControl", "RecommendationName" FROM "SecurityRegulatoryCompliance" WHERE starts_with(lower(coalesce(json_extract_string("Properties", '$.standard.name'), '')), $1) AND TRY_CAST(json_extract_string("Properties", '$.failedResources') AS DOUBLE) > 0 ORDER BY "ComplianceControl" ASC NULLS FIRST
-- $1 = "azure"
