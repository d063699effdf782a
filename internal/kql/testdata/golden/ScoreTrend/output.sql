WITH "_q1" AS (SELECT time_bucket(to_microseconds(86400000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00') AS "Day", avg("PercentageScore") AS "Score" FROM "SecureScores" GROUP BY time_bucket(to_microseconds(86400000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00')),
"_q2" AS (SELECT *, "Score" * 100 AS "Pct" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "Day" ASC NULLS FIRST
