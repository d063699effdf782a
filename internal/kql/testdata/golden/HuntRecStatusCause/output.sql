WITH "_q1" AS (SELECT *, coalesce(json_extract_string("Properties", '$.status.cause'), '') AS "Cause" FROM "SecurityRecommendation"),
"_q2" AS (SELECT "RecommendationDisplayName", coalesce(json_extract_string("Properties", '$.resourceDetails.ResourceType'), '') AS "ResourceName", "Cause", "TimeGenerated" FROM "_q1" WHERE coalesce("Cause", '') <> '')
SELECT * FROM "_q2" ORDER BY "TimeGenerated" DESC NULLS LAST
