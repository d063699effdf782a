WITH "_q1" AS (SELECT "SecureScoresSubscriptionId", arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "PercentageScore", "f2" := "CurrentScore", "f3" := "MaxScore"), "TimeGenerated") AS "__arg1" FROM "SecureScores" GROUP BY "SecureScoresSubscriptionId"),
"_q2" AS (SELECT "SecureScoresSubscriptionId", struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "PercentageScore", struct_extract("__arg1", 'f2') AS "CurrentScore", struct_extract("__arg1", 'f3') AS "MaxScore" FROM "_q1"),
"_q3" AS (SELECT *, CAST(round("PercentageScore" * 100, 1) AS DOUBLE) AS "Percent" FROM "_q2")
SELECT "SecureScoresSubscriptionId", "CurrentScore", "MaxScore", "Percent" FROM "_q3" ORDER BY "SecureScoresSubscriptionId" ASC NULLS FIRST
