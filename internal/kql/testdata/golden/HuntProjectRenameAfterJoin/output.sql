WITH "_q1" AS (SELECT "SystemAlertId", "AlertName", "CompromisedEntity" AS "Host" FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[#-1]'), '') AS "Host", "VulnerabilityId" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $3),
"_q3" AS (SELECT "l"."Host" AS "Host", count(DISTINCT "r"."VulnerabilityId") AS "Cves", count(DISTINCT "l"."SystemAlertId") AS "Alerts" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."Host" = "r"."Host" GROUP BY "l"."Host")
SELECT * FROM "_q3" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "/"
-- $3 = "Critical"
