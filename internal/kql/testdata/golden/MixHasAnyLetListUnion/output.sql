WITH "_q1" AS (SELECT "TimeGenerated", "AlertName" AS "Text", $1 AS "Kind" FROM "SecurityAlert" UNION ALL SELECT "TimeGenerated", "RecommendationDisplayName" AS "Text", $2 AS "Kind" FROM "SecurityRecommendation"),
"_q2" AS (SELECT "Kind", count(DISTINCT "Text") AS "Items", max("TimeGenerated") AS "Latest" FROM "_q1" WHERE regexp_matches("Text", $3) GROUP BY "Kind")
SELECT * FROM "_q2" ORDER BY "Kind" ASC NULLS FIRST
-- $1 = "alert"
-- $2 = "recommendation"
-- $3 = "(?i)(^|[^\\pL\\pN])(PowerShell|MFA|Kubernetes)($|[^\\pL\\pN])"
