WITH "_q1" AS (SELECT *, (epoch_us("TimeGenerated") - epoch_us(TRY_CAST(json_extract_string("Properties", '$.status.firstEvaluationDate') AS TIMESTAMP))) * 10 AS "Age", (epoch_us(TRY_CAST(json_extract_string("Properties", '$.status.firstEvaluationDate') AS TIMESTAMP)) - epoch_us("FirstEvaluationDate")) * 10 AS "Skew" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1),
"_q2" AS (SELECT "Environment", max(CAST("Age" AS DOUBLE) / 864000000000) AS "MaxAgeDays", count(*) FILTER (WHERE "Skew" <> 0) AS "Skewed" FROM "_q1" GROUP BY "Environment")
SELECT * FROM "_q2" ORDER BY "Environment" ASC NULLS FIRST
-- $1 = "Unhealthy"
