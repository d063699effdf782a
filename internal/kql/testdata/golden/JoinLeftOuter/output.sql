WITH "_q1" AS (SELECT "ControlId", "ControlName" FROM "SecureScoreControls" WHERE "SecureScoresSubscriptionId" = $1),
"_q2" AS (SELECT substr("RecommendationId", (CASE WHEN 0 < 0 THEN greatest(length("RecommendationId") + 0, 0) ELSE 0 END) + 1, greatest(8, 0)) AS "ControlId", count(*) FILTER (WHERE "RecommendationState" = $2) AS "Unhealthy" FROM "SecurityRecommendation" GROUP BY substr("RecommendationId", (CASE WHEN 0 < 0 THEN greatest(length("RecommendationId") + 0, 0) ELSE 0 END) + 1, greatest(8, 0))),
"_q3" AS (SELECT "l"."ControlId" AS "ControlId", "l"."ControlName" AS "ControlName", coalesce("r"."ControlId", '') AS "ControlId1", "r"."Unhealthy" AS "Unhealthy" FROM "_q1" AS "l" LEFT JOIN "_q2" AS "r" ON "l"."ControlId" = "r"."ControlId")
SELECT "ControlName", "ControlId", "ControlId1", "Unhealthy" FROM "_q3" ORDER BY "ControlName" ASC NULLS FIRST
-- $1 = "11111111-1111-1111-1111-111111111111"
-- $2 = "Unhealthy"
