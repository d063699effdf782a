WITH "_q1" AS (SELECT "VulnerabilityId", count(DISTINCT "AssessedResourceId") AS "Hosts" FROM "SecurityNestedRecommendation" WHERE regexp_matches("VulnerabilityId", $1) GROUP BY "VulnerabilityId")
SELECT * FROM "_q1" ORDER BY "VulnerabilityId" ASC NULLS FIRST
-- $1 = "^CVE-202[34]-\\d{4,5}$"
