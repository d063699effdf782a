WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Machine" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $2),
"_q2" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" AS "l" SEMI JOIN "_q1" AS "r" ON "l"."CompromisedEntity" = "r"."Machine" GROUP BY "l"."CompromisedEntity"),
"_q3" AS (SELECT "Machine", count(DISTINCT "VulnerabilityId") AS "Crit" FROM "_q1" GROUP BY "Machine"),
"_q4" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."Alerts" AS "Alerts", "r"."Crit" AS "Crit" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."CompromisedEntity" = "r"."Machine")
SELECT * FROM "_q4" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "Critical"
