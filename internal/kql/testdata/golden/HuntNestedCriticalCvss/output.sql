WITH "_q1" AS (SELECT *, TRY_CAST(json_extract_string("AdditionalData", '$.cvss."3.0".base') AS DOUBLE) AS "Cvss" FROM "SecurityNestedRecommendation"),
"_q2" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Host" FROM "_q1" WHERE "Cvss" >= 9::DOUBLE),
"_q3" AS (SELECT "Host", count(*) AS "Findings", max("Cvss") AS "MaxCvss" FROM "_q2" GROUP BY "Host")
SELECT * FROM "_q3" ORDER BY "MaxCvss" DESC NULLS LAST, "Host" ASC NULLS FIRST
-- $1 = "/"
