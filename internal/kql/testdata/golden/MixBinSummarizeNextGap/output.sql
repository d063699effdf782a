WITH "_q1" AS (SELECT time_bucket(to_microseconds(3600000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00') AS "Hour", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY time_bucket(to_microseconds(3600000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00')),
"_q2" AS (SELECT * FROM "_q1" WHERE "Alerts" >= 2 ORDER BY "Hour" ASC NULLS FIRST),
"_q3" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q2"),
"_q4" AS (SELECT *, lead("Hour", 1) OVER (ORDER BY "_serial") AS "_next", lead("Hour", 1) OVER (ORDER BY "_serial") AS "_next_2" FROM "_q3")
SELECT "Hour", "Alerts", "_next" AS "NextBurst", (epoch_us("_next_2") - epoch_us("Hour")) * 10 AS "Gap" FROM "_q4" ORDER BY "_serial"
