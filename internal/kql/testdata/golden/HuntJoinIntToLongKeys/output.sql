WITH "_q1" AS (SELECT "MaxScore", count(DISTINCT "ControlName") AS "Controls" FROM "SecureScoreControls" GROUP BY "MaxScore"),
"_q2" AS (SELECT "Weight", coalesce(to_json(list(DISTINCT "ControlName" ORDER BY "ControlName") FILTER (WHERE "ControlName" IS NOT NULL)), CAST('[]' AS JSON)) AS "Weights" FROM "SecureScoreControls" GROUP BY "Weight"),
"_q3" AS (SELECT "l"."MaxScore" AS "MaxScore", "l"."Controls" AS "Controls", CASE WHEN json_type("r"."Weights") = 'ARRAY' THEN CAST(json_array_length("r"."Weights") AS BIGINT) END AS "WeightControls" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."MaxScore" = "r"."Weight")
SELECT * FROM "_q3" ORDER BY "MaxScore" ASC NULLS FIRST
