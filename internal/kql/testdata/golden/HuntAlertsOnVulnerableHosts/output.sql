WITH "_q1" AS (SELECT DISTINCT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Host" FROM "SecurityNestedRecommendation" WHERE "RecommendationState" = $2 AND TRY_CAST(json_extract_string("AdditionalData", '$.cvss."3.0".base') AS DOUBLE) >= 9),
"_q2" AS (SELECT "CompromisedEntity", count(*) AS "Alerts", count(*) FILTER (WHERE "AlertSeverity" = $3) AS "High" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00' AND "CompromisedEntity" IN (SELECT "Host" FROM "_q1" WHERE "Host" IS NOT NULL) GROUP BY "CompromisedEntity")
SELECT * FROM "_q2" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "Unhealthy"
-- $3 = "High"
