WITH "_q1" AS (SELECT "CompromisedEntity" AS "Host", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Host", count(*) AS "Vulns" FROM "SecurityNestedRecommendation" GROUP BY coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '')),
"_q3" AS (SELECT "CompromisedEntity" AS "Host", count(DISTINCT "SystemAlertId") AS "Incidents" FROM "SecurityAlert" WHERE "IsIncident" GROUP BY "CompromisedEntity"),
"_q4" AS (SELECT "l"."Host" AS "Host", "l"."Alerts" AS "Alerts", coalesce("r"."Host", '') AS "Host1", "r"."Vulns" AS "Vulns" FROM "_q1" AS "l" LEFT JOIN "_q2" AS "r" ON "l"."Host" = "r"."Host"),
"_q5" AS (SELECT "l"."Host" AS "Host", "l"."Alerts" AS "Alerts", "l"."Vulns" AS "Vulns", "r"."Incidents" AS "Incidents" FROM "_q4" AS "l" LEFT JOIN "_q3" AS "r" ON "l"."Host" = "r"."Host")
SELECT * FROM "_q5" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "/"
