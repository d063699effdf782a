WITH "_q1" AS (SELECT "Impact", count(DISTINCT "AssessedResourceId") AS "Hosts", coalesce(to_json(list(DISTINCT "VulnerabilityId" ORDER BY "VulnerabilityId") FILTER (WHERE "VulnerabilityId" IS NOT NULL)), CAST('[]' AS JSON)) AS "Cves" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $1 AND TRY_CAST(json_extract_string("AdditionalData", '$.patchable') AS BOOLEAN) GROUP BY "Impact"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Impact" ASC NULLS FIRST)
SELECT "Impact", "Hosts", CAST("Cves" AS VARCHAR) AS "Cves" FROM "_q2"
-- $1 = "Critical"
