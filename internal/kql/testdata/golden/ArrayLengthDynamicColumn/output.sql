WITH "_q1" AS (SELECT *, CASE WHEN json_type("RecommendationResourceIds") = 'ARRAY' THEN CAST(json_array_length("RecommendationResourceIds") AS BIGINT) END AS "Affected" FROM "SecureScoreControls"),
"_q2" AS (SELECT "SecureScoresSubscriptionId", count(*) AS "Controls", CAST(sum("Affected") AS BIGINT) AS "Resources" FROM "_q1" WHERE "Affected" > 0 GROUP BY "SecureScoresSubscriptionId")
SELECT * FROM "_q2" ORDER BY "SecureScoresSubscriptionId" ASC NULLS FIRST
