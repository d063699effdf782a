WITH "_q1" AS (SELECT *, CAST((CAST(dayofweek("TimeGenerated") AS BIGINT) * 864000000000) AS DOUBLE) / 864000000000 AS "Day" FROM "SecurityAlert"),
"_q2" AS (SELECT "Day", count(*) AS "Alerts" FROM "_q1" GROUP BY "Day")
SELECT * FROM "_q2" ORDER BY "Day" ASC NULLS FIRST
