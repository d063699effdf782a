WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[#-1]'), '') AS "CompromisedEntity", "VulnerabilityId" FROM "SecurityNestedRecommendation"),
"_q3" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", count(DISTINCT "r"."VulnerabilityId") AS "Cves" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity" GROUP BY "l"."CompromisedEntity")
SELECT * FROM "_q3" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "/"
