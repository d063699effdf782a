WITH "_q1" AS (SELECT *, TRY_CAST(json_extract_string("AdditionalData", '$.cvss."3.0".base') AS DOUBLE) AS "Cvss" FROM "SecurityNestedRecommendation"),
"_q2" AS (SELECT "ResourceGroup", coalesce(arg_max(struct_pack("f0" := "Cvss", "f1" := "VulnerabilityId"), "Cvss"), any_value(struct_pack("f0" := "Cvss", "f1" := "VulnerabilityId"))) AS "__arg1" FROM "_q1" GROUP BY "ResourceGroup")
SELECT "ResourceGroup", struct_extract("__arg1", 'f0') AS "Cvss", struct_extract("__arg1", 'f1') AS "VulnerabilityId" FROM "_q2"
