WITH "_q1" AS (SELECT *, "CompromisedEntity" AS "Host" FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[#-1]'), '') AS "Host" FROM "SecurityNestedRecommendation"),
"_q3" AS (SELECT "l"."Host" AS "Host", count(DISTINCT "l"."VulnerabilityId") AS "Vulns" FROM "_q2" AS "l" SEMI JOIN "_q1" AS "r" ON "l"."Host" = "r"."Host" GROUP BY "l"."Host")
SELECT * FROM "_q3" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "/"
