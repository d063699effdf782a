WITH "_q1" AS (SELECT *, CAST(((epoch_us("EndTime") - epoch_us("StartTime")) * 10) AS DOUBLE) / 600000000 AS "DurationMin", (epoch_us("ProcessingEndTime") - epoch_us("TimeGenerated")) * 10 AS "Lag" FROM "SecurityAlert"),
"_q2" AS (SELECT *, CAST("Lag" AS DOUBLE) / 600000000 AS "LagMin", "DurationMin" + (CAST("Lag" AS DOUBLE) / 600000000) AS "Total" FROM "_q1"),
"_q3" AS (SELECT "ProductName", avg("Total") AS "avg_Total", max("LagMin") AS "max_LagMin" FROM "_q2" GROUP BY "ProductName")
SELECT * FROM "_q3" ORDER BY "ProductName" ASC NULLS FIRST
