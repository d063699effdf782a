WITH "_q1" AS (SELECT coalesce(strftime("FirstEvaluationDate", $1), '') AS "FirstEvaluationDate", "Environment", count(*) FILTER (WHERE "RecommendationState" = $2) AS "Unhealthy" FROM "SecurityRecommendation" GROUP BY coalesce(strftime("FirstEvaluationDate", $1), ''), "Environment")
SELECT * FROM "_q1" ORDER BY "FirstEvaluationDate" ASC NULLS FIRST, "Environment" ASC NULLS FIRST
-- $1 = "%Y-%m-%d"
-- $2 = "Unhealthy"
