WITH "_q1" AS (SELECT "CompromisedEntity" AS "Host", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Host", count(*) AS "Critical" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $2 GROUP BY coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '')),
"_q3" AS (SELECT "l"."Host" AS "Host", "l"."Alerts" AS "Alerts", coalesce("r"."Host", '') AS "Host1", "r"."Critical" AS "Critical" FROM "_q1" AS "l" LEFT JOIN "_q2" AS "r" ON "l"."Host" = "r"."Host")
SELECT "Host", "Alerts", "Critical" FROM "_q3" WHERE coalesce("Host1", '') = ''
-- $1 = "/"
-- $2 = "Critical"
