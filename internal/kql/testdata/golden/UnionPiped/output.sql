WITH "_q1" AS (SELECT "TimeGenerated", "CurrentScore" AS "Score", '' AS "Control" FROM "SecureScores" UNION ALL SELECT "TimeGenerated", CAST(NULL AS DOUBLE) AS "Score", "ControlName" AS "Control" FROM "SecureScoreControls")
SELECT count(*) FILTER (WHERE "Score" IS NOT NULL) AS "Scores", count(*) FILTER (WHERE coalesce("Control", '') <> '') AS "Controls" FROM "_q1"
