WITH "_q1" AS (SELECT "TimeGenerated", $1 AS "Kind", "AlertName" AS "Name" FROM "SecurityAlert" WHERE "AlertSeverity" = $2 UNION ALL SELECT "TimeGenerated", $3 AS "Kind", "RecommendationDisplayName" AS "Name" FROM "SecurityRecommendation" WHERE "RecommendationSeverity" = $2 AND "RecommendationState" = $4),
"_q2" AS (SELECT "Kind", count(*) AS "count_" FROM "_q1" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00' GROUP BY "Kind")
SELECT * FROM "_q2" ORDER BY "Kind" ASC NULLS FIRST
-- $1 = "alert"
-- $2 = "High"
-- $3 = "recommendation"
-- $4 = "Unhealthy"
