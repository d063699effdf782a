WITH "_q1" AS (SELECT "RecommendationSeverity", count(*) FILTER (WHERE "Impact" = $1) AS "RCE", count(*) FILTER (WHERE "Impact" = $2) AS "PrivEsc" FROM "SecurityNestedRecommendation" GROUP BY "RecommendationSeverity")
SELECT * FROM "_q1" ORDER BY "RecommendationSeverity" ASC NULLS FIRST
-- $1 = "Remote code execution"
-- $2 = "Privilege escalation"
