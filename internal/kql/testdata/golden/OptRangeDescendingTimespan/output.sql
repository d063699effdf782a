WITH "_q1" AS (SELECT "_range"."v" AS "Window" FROM generate_series(216000000000, 36000000000, (-72000000000)) AS "_range"("v"))
SELECT *, CAST("Window" AS DOUBLE) / 36000000000 AS "Hours" FROM "_q1"
