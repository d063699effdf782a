WITH "_q1" AS (SELECT "CompromisedEntity" AS "Host", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00' AND "AlertSeverity" = $1 GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[8]'), '') AS "Host" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $3),
"_q3" AS (SELECT "Host", count(*) AS "Vulns" FROM "_q2" GROUP BY "Host"),
"_q4" AS (SELECT coalesce("l"."Host", '') AS "Host", "l"."Alerts" AS "Alerts", coalesce("r"."Host", '') AS "Host1", "r"."Vulns" AS "Vulns" FROM "_q1" AS "l" FULL JOIN "_q3" AS "r" ON "l"."Host" = "r"."Host"),
"_q5" AS (SELECT coalesce(NULLIF("Host", ''), NULLIF("Host1", ''), '') AS "Host", "Alerts", "Vulns" FROM "_q4")
SELECT * FROM "_q5" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "/"
-- $3 = "Critical"
