WITH "_q1" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "CompromisedEntity", count(DISTINCT "VulnerabilityId") AS "Vulns" FROM "SecurityNestedRecommendation" GROUP BY coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '')),
"_q2" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."AlertSeverity" AS "AlertSeverity", count(*) AS "Alerts", max("r"."Vulns") AS "Vulns" FROM "SecurityAlert" AS "l" LEFT JOIN "_q1" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity" GROUP BY "l"."CompromisedEntity", "l"."AlertSeverity")
SELECT * FROM "_q2" WHERE "AlertSeverity" = $2 ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "High"
