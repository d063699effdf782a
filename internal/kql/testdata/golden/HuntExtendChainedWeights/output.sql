WITH "_q1" AS (SELECT *, CAST(((epoch_us("EndTime") - epoch_us("StartTime")) * 10) AS DOUBLE) / 600000000 AS "Minutes", concat("AlertSeverity", $1, "Status") AS "Label", coalesce("ConfidenceScore", 0::DOUBLE) AS "Score" FROM "SecurityAlert"),
"_q2" AS (SELECT *, "Score" * "Minutes" AS "Weighted" FROM "_q1"),
"_q3" AS (SELECT "Label", CAST(round(sum("Weighted"), 2) AS DOUBLE) AS "Weighted" FROM "_q2" GROUP BY "Label")
SELECT * FROM "_q3" ORDER BY "Weighted" DESC NULLS LAST, "Label" ASC NULLS FIRST
-- $1 = ":"
