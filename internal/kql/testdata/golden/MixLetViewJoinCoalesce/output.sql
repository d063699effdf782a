WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 AND "Status" <> $2 GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $3)), '$[#-1]'), '') AS "CompromisedEntity", count(*) AS "Recs" FROM "SecurityRecommendation" WHERE "RecommendationState" = $4 GROUP BY coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $3)), '$[#-1]'), '')),
"_q3" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."Alerts" AS "Alerts", coalesce("r"."Recs", CAST(0 AS BIGINT)) AS "Recs" FROM "_q1" AS "l" LEFT JOIN "_q2" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity")
SELECT * FROM "_q3" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Resolved"
-- $3 = "/"
-- $4 = "Unhealthy"
