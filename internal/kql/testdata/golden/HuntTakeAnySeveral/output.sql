WITH "_q1" AS (SELECT "SecureScoresSubscriptionId", any_value(struct_pack("f0" := "DisplayName", "f1" := "MaxScore", "f2" := "Environment")) AS "__arg1", count(*) AS "Samples" FROM "SecureScores" GROUP BY "SecureScoresSubscriptionId"),
"_q2" AS (SELECT "SecureScoresSubscriptionId", struct_extract("__arg1", 'f0') AS "DisplayName", struct_extract("__arg1", 'f1') AS "MaxScore", struct_extract("__arg1", 'f2') AS "Environment", "Samples" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "SecureScoresSubscriptionId" ASC NULLS FIRST
