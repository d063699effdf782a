WITH "_q1" AS (SELECT count(*) AS "Count" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00' LIMIT 1),
"_q2" AS (SELECT count(DISTINCT "AssessedResourceId") AS "dcount_AssessedResourceId" FROM "SecurityRecommendation" WHERE "RecommendationState" = $1 LIMIT 1),
"_q3" AS (SELECT coalesce(arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "PercentageScore"), "TimeGenerated"), any_value(struct_pack("f0" := "TimeGenerated", "f1" := "PercentageScore"))) AS "__arg1" FROM "SecureScores"),
"_q4" AS (SELECT struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "PercentageScore" FROM "_q3"),
"_q5" AS (SELECT "PercentageScore" FROM "_q4" LIMIT 1),
"_q6" AS (SELECT (SELECT "Count" FROM "_q1" LIMIT 1) AS "Alerts", (SELECT "dcount_AssessedResourceId" FROM "_q2" LIMIT 1) AS "OpenResources", (SELECT "PercentageScore" FROM "_q5" LIMIT 1) AS "LatestScore", CASE WHEN (SELECT "Count" FROM "_q1" LIMIT 1) > 10 AND (SELECT "PercentageScore" FROM "_q5" LIMIT 1) < 0.6::DOUBLE THEN $2 ELSE $3 END AS "Verdict" FROM (SELECT 1) AS "_one")
SELECT * FROM "_q6"
-- $1 = "Unhealthy"
-- $2 = "attention"
-- $3 = "ok"
