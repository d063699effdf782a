WITH "_q1" AS (SELECT "VulnerabilityId", TRY_CAST(json_extract_string("AdditionalData", '$.cvss."3.0".base') AS DOUBLE) AS "Cvss" FROM "SecurityNestedRecommendation" WHERE TRY_CAST(json_extract_string("AdditionalData", '$.patchable') AS BOOLEAN) = TRUE AND TRY_CAST(json_extract_string("AdditionalData", '$.cvss."3.0".base') AS DOUBLE) >= 9.8::DOUBLE AND json_extract_string("AdditionalData", '$.assessedResourceType') = $1)
SELECT * FROM "_q1" ORDER BY "Cvss" DESC NULLS LAST, "VulnerabilityId" ASC NULLS FIRST
-- $1 = "ServerVulnerability"
