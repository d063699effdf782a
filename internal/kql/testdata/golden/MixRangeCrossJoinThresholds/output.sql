WITH "_q1" AS (SELECT "_range"."v" AS "Pct" FROM generate_series(50, 90, 20) AS "_range"("v")),
"_q2" AS (SELECT *, CAST(1 AS BIGINT) AS "Key" FROM "_q1"),
"_q3" AS (SELECT "ConfidenceScore", CAST(1 AS BIGINT) AS "Key" FROM "SecurityAlert" WHERE "ConfidenceScore" IS NOT NULL),
"_q4" AS (SELECT "l"."Pct" AS "Pct", count(*) FILTER (WHERE "r"."ConfidenceScore" >= ("l"."Pct" / 100::DOUBLE)) AS "Alerts" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."Key" = "r"."Key" GROUP BY "l"."Pct")
SELECT * FROM "_q4" ORDER BY "Pct" ASC NULLS FIRST
