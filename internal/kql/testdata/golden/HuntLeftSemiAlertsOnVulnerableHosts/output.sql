WITH "_q1" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "CompromisedEntity" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $2),
"_q2" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."AlertSeverity" AS "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" AS "l" SEMI JOIN "_q1" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity" GROUP BY "l"."CompromisedEntity", "l"."AlertSeverity")
SELECT * FROM "_q2" ORDER BY "CompromisedEntity" ASC NULLS FIRST, "AlertSeverity" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "Critical"
