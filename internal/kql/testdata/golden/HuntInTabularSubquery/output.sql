WITH "_q1" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "AssessedResourceId_-1" FROM "SecurityNestedRecommendation" WHERE TRY_CAST(json_extract_string("AdditionalData", '$.patchable') AS BOOLEAN) = FALSE),
"_q2" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "CompromisedEntity" IN (SELECT "AssessedResourceId_-1" FROM "_q1" WHERE "AssessedResourceId_-1" IS NOT NULL) GROUP BY "CompromisedEntity")
SELECT * FROM "_q2" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "/"
