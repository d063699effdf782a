WITH "_q1" AS (SELECT "CompromisedEntity" FROM "SecurityAlert" WHERE "CompromisedEntity" = $1),
"_q2" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[#-1]'), '') AS "CompromisedEntity", "VulnerabilityId" FROM "SecurityNestedRecommendation"),
"_q3" AS (SELECT DISTINCT ON ("CompromisedEntity") * FROM "_q1"),
"_q4" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "r"."CompromisedEntity" AS "CompromisedEntity1", "r"."VulnerabilityId" AS "VulnerabilityId" FROM "_q3" AS "l" JOIN "_q2" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity")
SELECT * FROM "_q4" ORDER BY "VulnerabilityId" ASC NULLS FIRST
-- $1 = "vm-dc-01"
-- $2 = "/"
