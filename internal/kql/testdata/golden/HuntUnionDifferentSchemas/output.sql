WITH "_q1" AS (SELECT "TimeGenerated", "AlertName" AS "Item", $1 AS "Kind", CAST(NULL AS DOUBLE) AS "Score", '' AS "Cve" FROM "SecurityAlert" WHERE "AlertSeverity" = $2 UNION ALL SELECT "TimeGenerated", "RecommendationDisplayName" AS "Item", '' AS "Kind", 1::DOUBLE AS "Score", '' AS "Cve" FROM "SecurityRecommendation" WHERE "RecommendationSeverity" = $2 AND "RecommendationState" = $3 UNION ALL SELECT "TimeGenerated", '' AS "Item", '' AS "Kind", CAST(NULL AS DOUBLE) AS "Score", "VulnerabilityId" AS "Cve" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $4)
SELECT count(*) AS "Rows", count(*) FILTER (WHERE "Kind" = $1) AS "Alerts", count(*) FILTER (WHERE "Score" IS NOT NULL) AS "Scored", count(*) FILTER (WHERE coalesce("Cve", '') <> '') AS "Cves" FROM "_q1" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00'
-- $1 = "alert"
-- $2 = "High"
-- $3 = "Unhealthy"
-- $4 = "Critical"
