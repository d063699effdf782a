WITH "_q1" AS (SELECT DISTINCT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Host" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $2 AND "RecommendationState" = $3)
SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "CompromisedEntity" NOT IN (SELECT "Host" FROM "_q1" WHERE "Host" IS NOT NULL) GROUP BY "CompromisedEntity"
-- $1 = "/"
-- $2 = "Critical"
-- $3 = "Unhealthy"
