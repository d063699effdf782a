WITH "_q1" AS (SELECT "CompromisedEntity" AS "Host" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 AND "TimeGenerated" > TIMESTAMP '2026-03-10 06:00:00'),
"_q2" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[#-1]'), '') AS "Host", "VulnerabilityId" FROM "SecurityNestedRecommendation"),
"_q3" AS (SELECT "l"."Host" AS "Host", coalesce(to_json(list(DISTINCT "l"."VulnerabilityId" ORDER BY "l"."VulnerabilityId") FILTER (WHERE "l"."VulnerabilityId" IS NOT NULL)), CAST('[]' AS JSON)) AS "Vulns" FROM "_q2" AS "l" ANTI JOIN "_q1" AS "r" ON "l"."Host" = "r"."Host" GROUP BY "l"."Host"),
"_q4" AS (SELECT "Host", CASE WHEN json_type("Vulns") = 'ARRAY' THEN CAST(json_array_length("Vulns") AS BIGINT) END AS "Vulns" FROM "_q3")
SELECT * FROM "_q4" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "/"
