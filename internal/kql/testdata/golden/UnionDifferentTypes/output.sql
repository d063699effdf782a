WITH "_q1" AS (SELECT "TimeGenerated", "Weight" AS "Weight_long", '' AS "Weight_string" FROM "SecureScores" UNION ALL SELECT "TimeGenerated", CAST(NULL AS BIGINT) AS "Weight_long", coalesce(CAST("Weight" AS VARCHAR), '') AS "Weight_string" FROM "SecureScores")
SELECT * FROM "_q1" LIMIT 0
