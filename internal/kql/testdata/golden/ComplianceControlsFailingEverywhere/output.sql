WITH "_q1" AS (SELECT "RecommendationName", count(DISTINCT "ComplianceStandard") AS "Standards", coalesce(to_json(list(DISTINCT "ComplianceControl" ORDER BY "ComplianceControl") FILTER (WHERE "ComplianceControl" IS NOT NULL)), CAST('[]' AS JSON)) AS "Controls" FROM "SecurityRegulatoryCompliance" WHERE "State" = $1 GROUP BY "RecommendationName"),
"_q2" AS (SELECT * FROM "_q1" WHERE "Standards" > 1 ORDER BY "Standards" DESC NULLS LAST, "RecommendationName" ASC NULLS FIRST)
SELECT "RecommendationName", "Standards", CAST("Controls" AS VARCHAR) AS "Controls" FROM "_q2"
-- $1 = "Failed"
