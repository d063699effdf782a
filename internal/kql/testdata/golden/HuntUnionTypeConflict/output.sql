WITH "_q1" AS (SELECT "DisplayName" AS "Name", "MaxScore" AS "Value_int", CAST(NULL AS DOUBLE) AS "Value_real" FROM "SecureScores" UNION ALL SELECT "ControlName" AS "Name", CAST(NULL AS INTEGER) AS "Value_int", "CurrentScore" AS "Value_real" FROM "SecureScoreControls"),
"_q2" AS (SELECT "Name", count(*) AS "Rows" FROM "_q1" GROUP BY "Name")
SELECT * FROM "_q2" ORDER BY "Name" ASC NULLS FIRST
