WITH "_q1" AS (SELECT "ResourceGroup", "RecommendationSubscriptionId", count(*) AS "Findings", count(*) FILTER (WHERE "RecommendationSeverity" = $1) AS "Critical", count(*) FILTER (WHERE TRY_CAST(json_extract_string("AdditionalData", '$.patchable') AS BOOLEAN)) AS "Patchable" FROM "SecurityNestedRecommendation" GROUP BY "ResourceGroup", "RecommendationSubscriptionId")
SELECT * FROM "_q1" ORDER BY "RecommendationSubscriptionId" ASC NULLS FIRST
-- $1 = "Critical"
