WITH "_q1" AS (SELECT "CompromisedEntity" AS "Host", count(*) AS "Alerts", coalesce(to_json(list(DISTINCT "AlertName" ORDER BY "AlertName") FILTER (WHERE "AlertName" IS NOT NULL)), CAST('[]' AS JSON)) AS "Names" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-08 12:00:00' AND regexp_matches("Tactics", $1) GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[#-1]'), '') AS "Host", TRY_CAST(json_extract_string("AdditionalData", '$.cvss."3.0".base') AS DOUBLE) AS "Cvss" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" IN ($3, $4)),
"_q3" AS (SELECT "Host", count(DISTINCT "VulnerabilityId") AS "Vulns", max("Cvss") AS "MaxCvss" FROM "_q2" GROUP BY "Host"),
"_q4" AS (SELECT "l"."Host" AS "Host", "r"."Alerts" AS "Alerts", "l"."Vulns" AS "Vulns", "l"."MaxCvss" AS "MaxCvss", "r"."Names" AS "Names" FROM "_q3" AS "l" JOIN "_q1" AS "r" ON "l"."Host" = "r"."Host"),
"_q5" AS (SELECT * FROM "_q4" ORDER BY "MaxCvss" DESC NULLS LAST, "Host" ASC NULLS FIRST)
SELECT "Host", "Alerts", "Vulns", "MaxCvss", CAST("Names" AS VARCHAR) AS "Names" FROM "_q5"
-- $1 = "(?i)(^|[^\\pL\\pN])CredentialAccess($|[^\\pL\\pN])"
-- $2 = "/"
-- $3 = "Critical"
-- $4 = "High"
