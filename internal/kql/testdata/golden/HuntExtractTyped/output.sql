WITH "_q1" AS (SELECT *, TRY_CAST(NULLIF(regexp_extract("ExtendedProperties", $1, 1), '') AS DOUBLE) AS "Score" FROM "SecurityAlert"),
"_q2" AS (SELECT "AlertSeverity", count(*) FILTER (WHERE "Score" IS NOT NULL) AS "Scored", CAST(round(avg("Score"), 2) AS DOUBLE) AS "AvgScore" FROM "_q1" GROUP BY "AlertSeverity")
SELECT * FROM "_q2" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "\"Score\":([0-9.]+)"
