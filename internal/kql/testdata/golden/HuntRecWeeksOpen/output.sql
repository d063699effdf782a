WITH "_q1" AS (SELECT *, (date_diff('day', (date_trunc('day', "FirstEvaluationDate") - to_days(dayofweek("FirstEvaluationDate"))), (date_trunc('day', TIMESTAMP '2026-03-10 12:00:00') - to_days(dayofweek(TIMESTAMP '2026-03-10 12:00:00')))) // 7) AS "WeeksOpen" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1),
"_q2" AS (SELECT "WeeksOpen", count(DISTINCT "RecommendationDisplayName") AS "Recommendations" FROM "_q1" GROUP BY "WeeksOpen")
SELECT * FROM "_q2" ORDER BY "WeeksOpen" ASC NULLS FIRST
-- $1 = "Unhealthy"
