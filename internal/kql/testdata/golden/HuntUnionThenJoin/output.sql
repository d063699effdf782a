WITH "_q1" AS (SELECT "CompromisedEntity" AS "Host", $1 AS "Signal" FROM "SecurityAlert" WHERE "AlertSeverity" = $2 UNION ALL SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $3)), '$[#-1]'), '') AS "Host", $4 AS "Signal" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $5),
"_q2" AS (SELECT "Host", count(DISTINCT "Signal") AS "Signals" FROM "_q1" GROUP BY "Host"),
"_q3" AS (SELECT "CompromisedEntity" AS "Host", max("TimeGenerated") AS "LastAlert" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q4" AS (SELECT "l"."Host" AS "Host", "r"."LastAlert" AS "LastAlert" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."Host" = "r"."Host" WHERE "l"."Signals" = 2)
SELECT * FROM "_q4" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "alert"
-- $2 = "High"
-- $3 = "/"
-- $4 = "vuln"
-- $5 = "Critical"
