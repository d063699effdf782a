WITH "_q1" AS (SELECT avg(TRY_CAST(json_extract_string(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$.Score') AS DOUBLE)) AS "avg_ExtendedProperties_Score" FROM "SecurityAlert" LIMIT 1),
"_q2" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Machine" FROM "SecurityRecommendation" WHERE "RecommendationState" = $2),
"_q3" AS (SELECT "Machine", count(*) AS "OpenRecs" FROM "_q2" GROUP BY "Machine"),
"_q4" AS (SELECT *, "CompromisedEntity" AS "Machine", TRY_CAST(json_extract_string(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$.Score') AS DOUBLE) AS "Score" FROM "SecurityAlert"),
"_q5" AS (SELECT "l"."Machine" AS "Machine", "r"."OpenRecs" AS "OpenRecs", count(*) AS "Alerts", max("l"."Score") AS "MaxScore" FROM "_q4" AS "l" JOIN "_q3" AS "r" ON "l"."Machine" = "r"."Machine" WHERE "l"."Score" > (SELECT "avg_ExtendedProperties_Score" FROM "_q1" LIMIT 1) GROUP BY "l"."Machine", "r"."OpenRecs")
SELECT * FROM "_q5" ORDER BY "Machine" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "Unhealthy"
