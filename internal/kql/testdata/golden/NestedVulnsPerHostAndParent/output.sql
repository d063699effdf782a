WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Host" FROM "SecurityNestedRecommendation" WHERE "RecommendationState" = $2),
"_q2" AS (SELECT "Host", count(*) FILTER (WHERE "RecommendationSeverity" = $3) AS "Critical", count(*) FILTER (WHERE "RecommendationSeverity" = $4) AS "High", count(*) FILTER (WHERE TRY_CAST(json_extract_string("AdditionalData", '$.patchable') AS BOOLEAN)) AS "Patchable" FROM "_q1" GROUP BY "Host")
SELECT * FROM "_q2" ORDER BY "Critical" DESC NULLS LAST, "High" DESC NULLS LAST, "Host" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "Unhealthy"
-- $3 = "Critical"
-- $4 = "High"
