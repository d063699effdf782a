WITH "_q1" AS (SELECT time_bucket(to_microseconds(86400000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00') AS "Day", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY time_bucket(to_microseconds(86400000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00')),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Day" ASC NULLS FIRST),
"_q3" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q2"),
"_q4" AS (SELECT *, lag("Alerts", 1) OVER (ORDER BY "_serial") AS "_prev", lag("Alerts", 1, CAST(0 AS BIGINT)) OVER (ORDER BY "_serial") AS "_prev_2" FROM "_q3"),
"_q5" AS (SELECT "Day", "Alerts", "_prev" AS "Previous", "Alerts" - "_prev_2" AS "Change" FROM "_q4" ORDER BY "_serial")
SELECT * FROM "_q5" WHERE "Day" >= TIMESTAMP '2026-03-06 00:00:00'
