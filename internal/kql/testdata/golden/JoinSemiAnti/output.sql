WITH "_q1" AS (SELECT DISTINCT "CompromisedEntity" FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[#-1]'), '') AS "CompromisedEntity" FROM "SecurityNestedRecommendation")
SELECT count(*) AS "Count" FROM "_q2" AS "l" ANTI JOIN "_q1" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity"
-- $1 = "Low"
-- $2 = "/"
