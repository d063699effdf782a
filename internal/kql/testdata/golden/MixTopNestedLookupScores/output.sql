WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[2]'), '') AS "Sub" FROM "SecurityRecommendation" WHERE "RecommendationState" = $2),
"_q2" AS (SELECT * FROM "_q1" WHERE coalesce("Sub", '') <> ''),
"_q3" AS (SELECT "Sub" AS "__k1", count(*) AS "__a" FROM "_q2" GROUP BY "Sub"),
"_q4" AS (SELECT "t"."__k1" AS "__k1", "t"."__a" AS "__a1" FROM (SELECT * FROM "_q3" QUALIFY row_number() OVER (ORDER BY "__a" DESC NULLS LAST, "__k1" ASC NULLS FIRST) <= 2) AS "t"),
"_q5" AS (SELECT "Sub" AS "__k1", "RecommendationSeverity" AS "__k2", count(*) AS "__a" FROM "_q2" GROUP BY "Sub", "RecommendationSeverity"),
"_q6" AS (SELECT "p"."__k1", "p"."__a1", "t"."__k2" AS "__k2", "t"."__a" AS "__a2" FROM "_q4" AS "p" JOIN (SELECT * FROM "_q5" QUALIFY row_number() OVER (PARTITION BY "__k1" ORDER BY "__a" DESC NULLS LAST, "__k2" ASC NULLS FIRST) <= 1) AS "t" ON "p"."__k1" IS NOT DISTINCT FROM "t"."__k1"),
"_q7" AS (SELECT "SecureScoresSubscriptionId" AS "Sub", coalesce(arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "PercentageScore"), "TimeGenerated"), any_value(struct_pack("f0" := "TimeGenerated", "f1" := "PercentageScore"))) AS "__arg1" FROM "SecureScores" GROUP BY "SecureScoresSubscriptionId"),
"_q8" AS (SELECT "__k1" AS "Sub", "__a1" AS "Unhealthy", "__k2" AS "RecommendationSeverity", "__a2" AS "SevCount" FROM "_q6"),
"_q9" AS (SELECT "Sub", struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "PercentageScore" FROM "_q7"),
"_q10" AS (SELECT "l"."Sub" AS "Sub", "l"."Unhealthy" AS "Unhealthy", "l"."RecommendationSeverity" AS "RecommendationSeverity", "l"."SevCount" AS "SevCount", "r"."PercentageScore" AS "PercentageScore" FROM "_q8" AS "l" LEFT JOIN "_q9" AS "r" ON "l"."Sub" = "r"."Sub")
SELECT * FROM "_q10" ORDER BY "Unhealthy" DESC NULLS LAST
-- $1 = "/"
-- $2 = "Unhealthy"
