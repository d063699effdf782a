WITH "_q1" AS (SELECT *, regexp_extract("AssessedResourceId", $1, 1) AS "Machine" FROM "SecurityNestedRecommendation" WHERE "RecommendationState" = $2 AND "RecommendationSeverity" = $3),
"_q2" AS (SELECT DISTINCT "Machine" FROM "_q1"),
"_q3" AS (SELECT "CompromisedEntity" AS "Machine", "SystemAlertId", nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null') AS "Props" FROM "SecurityAlert" WHERE "AlertSeverity" = $4),
"_q4" AS (SELECT "l"."Machine" AS "Machine", "r"."SystemAlertId" AS "SystemAlertId", TRY_CAST(json_extract_string("r"."Props", '$.Score') AS DOUBLE) AS "Score", coalesce(json_extract_string("r"."Props", '$."Resource type"'), '') AS "Resource type" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."Machine" = "r"."Machine"),
"_q5" AS (SELECT "Machine", "Resource type", count(DISTINCT "SystemAlertId") AS "Alerts", max("Score") AS "Top" FROM "_q4" GROUP BY "Machine", "Resource type")
SELECT * FROM "_q5" ORDER BY "Machine" ASC NULLS FIRST, "Resource type" ASC NULLS FIRST
-- $1 = "virtualMachines/([^/]+)$"
-- $2 = "Unhealthy"
-- $3 = "Critical"
-- $4 = "High"
