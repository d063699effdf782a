WITH "_q1" AS (SELECT *, (epoch_us("EndTime") - epoch_us("StartTime")) * 10 AS "Window" FROM "SecurityAlert")
SELECT "Window", count(*) AS "Alerts" FROM "_q1" WHERE "Window" = 5400000000 AND "Window" < 54000000000 AND "Window" > 900000000 AND "Window" <> 6000000000 AND "Window" >= 5400000000 GROUP BY "Window"
