WITH "_q1" AS (SELECT $1 AS "Src", "AlertName", "TimeGenerated", CAST('' AS VARCHAR) AS "RecommendationDisplayName" FROM "SecurityAlert" WHERE "AlertSeverity" = $2 UNION ALL SELECT $3 AS "Src", CAST('' AS VARCHAR) AS "AlertName", "TimeGenerated", "RecommendationDisplayName" FROM "SecurityRecommendation" WHERE "RecommendationSeverity" = $4 AND "RecommendationState" = $5)
SELECT * FROM "_q1" ORDER BY "TimeGenerated" ASC NULLS FIRST
-- $1 = "union_arg0"
-- $2 = "Informational"
-- $3 = "union_arg1"
-- $4 = "High"
-- $5 = "Unhealthy"
