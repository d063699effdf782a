WITH "_q1" AS (SELECT *, coalesce("ConfidenceScore", 0::DOUBLE) AS "Confidence" FROM "SecurityAlert"),
"_q2" AS (SELECT "ProductName", CAST(round(avg("Confidence"), 3) AS DOUBLE) AS "AvgConfidence", count(*) FILTER (WHERE "ConfidenceScore" IS NULL) AS "Unscored" FROM "_q1" GROUP BY "ProductName")
SELECT * FROM "_q2" ORDER BY "ProductName" ASC NULLS FIRST
