WITH "_q1" AS (SELECT "_range"."v" AS "n" FROM generate_series(0, 2, 1) AS "_range"("v")),
"_q2" AS (SELECT "FailedResources", count(*) AS "Controls" FROM "SecurityRegulatoryCompliance" GROUP BY "FailedResources"),
"_q3" AS (SELECT TRY_CAST("n" AS INTEGER) AS "FailedResources", concat($1, coalesce(CAST("n" AS VARCHAR), '')) AS "Label" FROM "_q1"),
"_q4" AS (SELECT "l"."FailedResources" AS "FailedResources", "l"."Controls" AS "Controls", coalesce("r"."Label", '') AS "Label" FROM "_q2" AS "l" LEFT JOIN "_q3" AS "r" ON "l"."FailedResources" = "r"."FailedResources")
SELECT * FROM "_q4" ORDER BY "FailedResources" ASC NULLS FIRST
-- $1 = "failed "
