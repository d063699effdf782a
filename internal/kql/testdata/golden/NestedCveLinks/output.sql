WITH "_q1" AS (SELECT "AssessedResourceId", coalesce(json_extract_string("AdditionalData", '$.cve[0].link'), '') AS "Link", CASE WHEN regexp_matches(json_extract_string("AdditionalData", '$.publishedTime'), '(Z|[+-]\d\d:?\d\d)$') THEN timezone('UTC', TRY_CAST(json_extract_string("AdditionalData", '$.publishedTime') AS TIMESTAMPTZ)) ELSE TRY_CAST(json_extract_string("AdditionalData", '$.publishedTime') AS TIMESTAMP) END AS "Published" FROM "SecurityNestedRecommendation" WHERE "VulnerabilityId" = $1)
SELECT * FROM "_q1" ORDER BY "AssessedResourceId" ASC NULLS FIRST
-- $1 = "CVE-2024-3094"
