WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Host" FROM "SecurityNestedRecommendation" WHERE "RecommendationState" = $2),
"_q2" AS (SELECT "Host", count(DISTINCT "VulnerabilityId") AS "Vulns" FROM "_q1" GROUP BY "Host"),
"_q3" AS (SELECT "CompromisedEntity" AS "Host", count(*) AS "HighAlerts" FROM "SecurityAlert" WHERE "AlertSeverity" = $3 GROUP BY "CompromisedEntity"),
"_q4" AS (SELECT "l"."Host" AS "Host", "l"."Vulns" AS "Vulns", "r"."HighAlerts" AS "HighAlerts", "l"."Vulns" * "r"."HighAlerts" AS "Risk" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."Host" = "r"."Host")
SELECT * FROM "_q4" ORDER BY "Risk" DESC NULLS LAST, "Host" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "Unhealthy"
-- $3 = "High"
