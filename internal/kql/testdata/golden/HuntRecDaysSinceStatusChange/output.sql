WITH "_q1" AS (SELECT *, CAST(round(CAST(((epoch_us(TIMESTAMP '2026-03-10 12:00:00') - epoch_us("StatusChangeDate")) * 10) AS DOUBLE) / 864000000000, 2) AS DOUBLE) AS "DaysSinceChange", date_diff('day', "FirstEvaluationDate", TIMESTAMP '2026-03-10 12:00:00') AS "DaysTracked" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1)
SELECT "RecommendationDisplayName", "DaysSinceChange", "DaysTracked" FROM "_q1" ORDER BY "DaysSinceChange" DESC NULLS LAST, "RecommendationDisplayName" ASC NULLS FIRST
-- $1 = "Unhealthy"
