WITH "_q1" AS (SELECT *, ("FirstEvaluationDate" + to_days(CAST(CASE WHEN "RecommendationSeverity" = $1 THEN CAST(7 AS BIGINT) ELSE CAST(31 AS BIGINT) END AS BIGINT))) AS "Due" FROM "SecurityRecommendation" WHERE "RecommendationState" = $2),
"_q2" AS (SELECT *, "Due" < TIMESTAMP '2026-03-10 12:00:00' AS "Overdue" FROM "_q1"),
"_q3" AS (SELECT "RecommendationSeverity", "Overdue", count(*) AS "Rows" FROM "_q2" GROUP BY "RecommendationSeverity", "Overdue")
SELECT * FROM "_q3" ORDER BY "RecommendationSeverity" ASC NULLS FIRST, "Overdue" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Unhealthy"
