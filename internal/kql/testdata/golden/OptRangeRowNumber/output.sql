WITH "_q1" AS (SELECT "_range"."v" AS "x" FROM generate_series(100, 130, 10) AS "_range"("v")),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT *, lag("x", 1) OVER (ORDER BY "_serial") AS "_prev" FROM "_q2")
SELECT "x", CAST("_serial" AS BIGINT) AS "Position", "_prev" AS "Previous" FROM "_q3" ORDER BY "_serial"
