WITH "_q1" AS (SELECT *, "AdditionalData" AS "Data", coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Machine" FROM "SecurityNestedRecommendation"),
"_q2" AS (SELECT *, TRY_CAST(json_extract_string("Data", '$.cvss."3.0".base') AS DOUBLE) AS "Cvss" FROM "_q1"),
"_q3" AS (SELECT "Machine", coalesce(arg_max(struct_pack("f0" := "Cvss", "f1" := "VulnerabilityId", "f2" := "Data"), "Cvss"), any_value(struct_pack("f0" := "Cvss", "f1" := "VulnerabilityId", "f2" := "Data"))) AS "__arg1" FROM "_q2" GROUP BY "Machine"),
"_q4" AS (SELECT "Machine", struct_extract("__arg1", 'f0') AS "Cvss", struct_extract("__arg1", 'f1') AS "VulnerabilityId", struct_extract("__arg1", 'f2') AS "Data" FROM "_q3"),
"_q5" AS (SELECT "Machine", "Cvss", "VulnerabilityId", "Data", unnest(coalesce(TRY_CAST(CAST(nullif(json_extract("Data", '$.cve'), 'null') AS JSON) AS JSON[]), CASE json_type(nullif(json_extract("Data", '$.cve'), 'null')) WHEN 'OBJECT' THEN list_transform(json_keys(nullif(json_extract("Data", '$.cve'), 'null')), k -> json_object(k, json_extract(nullif(json_extract("Data", '$.cve'), 'null'), '$."' || replace(replace(k, '\', '\\'), '"', '\"') || '"'))) ELSE [nullif(json_extract("Data", '$.cve'), 'null')] END)) AS "Cve" FROM "_q4"),
"_q6" AS (SELECT "Machine", "Cvss", "VulnerabilityId", coalesce(json_extract_string("Cve", '$.link'), '') AS "Link" FROM "_q5")
SELECT * FROM "_q6" ORDER BY "Machine" ASC NULLS FIRST
-- $1 = "/"
