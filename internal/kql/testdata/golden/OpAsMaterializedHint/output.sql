WITH "_q1" AS (SELECT "SecureScoresSubscriptionId", coalesce(arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "CurrentScore"), "TimeGenerated"), any_value(struct_pack("f0" := "TimeGenerated", "f1" := "CurrentScore"))) AS "__arg1" FROM "SecureScores" GROUP BY "SecureScoresSubscriptionId"),
"_q2" AS (SELECT "SecureScoresSubscriptionId", struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "CurrentScore" FROM "_q1")
SELECT "SecureScoresSubscriptionId", "CurrentScore" FROM "_q2" ORDER BY "SecureScoresSubscriptionId" ASC NULLS FIRST
