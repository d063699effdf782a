WITH "_q1" AS (SELECT "MaxScore", count(DISTINCT "ControlName") AS "Controls" FROM "SecureScoreControls" WHERE "MaxScore" IN (4, 6) AND "Weight" NOT IN (5, 6) GROUP BY "MaxScore")
SELECT * FROM "_q1" ORDER BY "MaxScore" ASC NULLS FIRST
