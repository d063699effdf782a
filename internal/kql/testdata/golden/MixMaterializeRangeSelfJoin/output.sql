WITH "_q1" AS (SELECT "_range"."v" AS "H" FROM generate_series(TIMESTAMP '2026-03-10 00:00:00', TIMESTAMP '2026-03-10 11:00:00', to_microseconds(108000000000 // 10)) AS "_range"("v")),
"_q2" AS (SELECT *, CAST(1 AS BIGINT) AS "Key" FROM "_q1"),
"_q3" AS (SELECT "H" AS "Upto", CAST(1 AS BIGINT) AS "Key" FROM "_q1"),
"_q4" AS (SELECT "l"."H" AS "H", count(*) AS "Steps" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."Key" = "r"."Key" WHERE "r"."Upto" <= "l"."H" GROUP BY "l"."H"),
"_q5" AS (SELECT time_bucket(to_microseconds(10800000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00') AS "H", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY time_bucket(to_microseconds(10800000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00')),
"_q6" AS (SELECT "l"."H" AS "H", "l"."Steps" AS "Steps", coalesce("r"."Alerts", CAST(0 AS BIGINT)) AS "Alerts" FROM "_q4" AS "l" LEFT JOIN "_q5" AS "r" ON "l"."H" = "r"."H")
SELECT * FROM "_q6" ORDER BY "H" ASC NULLS FIRST
