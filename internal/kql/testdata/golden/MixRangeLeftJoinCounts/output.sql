WITH "_q1" AS (SELECT "_range"."v" AS "Day" FROM generate_series(date_trunc('day', TIMESTAMP '2026-03-02 12:00:00'), date_trunc('day', TIMESTAMP '2026-03-10 12:00:00'), to_microseconds(864000000000 // 10)) AS "_range"("v")),
"_q2" AS (SELECT date_trunc('day', "TimeGenerated") AS "Day", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY date_trunc('day', "TimeGenerated")),
"_q3" AS (SELECT "l"."Day" AS "Day", coalesce("r"."Alerts", CAST(0 AS BIGINT)) AS "Alerts" FROM "_q1" AS "l" LEFT JOIN "_q2" AS "r" ON "l"."Day" = "r"."Day")
SELECT * FROM "_q3" ORDER BY "Day" ASC NULLS FIRST
