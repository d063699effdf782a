WITH "_q1" AS (SELECT *, (epoch_us("EndTime") - epoch_us("StartTime")) * 10 AS "Duration", (epoch_us("ProcessingEndTime") - epoch_us("TimeGenerated")) * 10 AS "Delay" FROM "SecurityAlert"),
"_q2" AS (SELECT "AlertSeverity", CAST(avg("Duration") AS BIGINT) AS "AvgDuration", max("Delay") AS "MaxDelay", CAST(sum("Duration") AS BIGINT) AS "Total", CAST(max("Delay") AS DOUBLE) / 600000000 AS "Ratio" FROM "_q1" GROUP BY "AlertSeverity")
SELECT * FROM "_q2" ORDER BY "AlertSeverity" ASC NULLS FIRST
