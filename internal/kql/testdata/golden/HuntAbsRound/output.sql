WITH "_q1" AS (SELECT "SecureScoresSubscriptionId", coalesce(arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "PercentageScore"), "TimeGenerated"), any_value(struct_pack("f0" := "TimeGenerated", "f1" := "PercentageScore"))) AS "__arg1" FROM "SecureScores" GROUP BY "SecureScoresSubscriptionId"),
"_q2" AS (SELECT "SecureScoresSubscriptionId", struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "PercentageScore" FROM "_q1"),
"_q3" AS (SELECT *, abs(CAST(round("PercentageScore" - 0.5::DOUBLE, 3) AS DOUBLE)) AS "Distance" FROM "_q2")
SELECT "SecureScoresSubscriptionId", "Distance" FROM "_q3" ORDER BY "SecureScoresSubscriptionId" ASC NULLS FIRST
