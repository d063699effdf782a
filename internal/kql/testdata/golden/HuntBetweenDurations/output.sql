WITH "_q1" AS (SELECT *, (epoch_us("EndTime") - epoch_us("StartTime")) * 10 AS "Duration", (epoch_us("ProcessingEndTime") - epoch_us("TimeGenerated")) * 10 AS "Processing" FROM "SecurityAlert")
SELECT "Duration", "Processing", count(*) AS "Alerts" FROM "_q1" WHERE "Duration" BETWEEN 3000000000 AND 6000000000 AND NOT ("Processing" BETWEEN 0 AND 600000000) GROUP BY "Duration", "Processing"
