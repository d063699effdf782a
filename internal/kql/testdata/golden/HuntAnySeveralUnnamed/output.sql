WITH "_q1" AS (SELECT "RecommendationSubscriptionId", any_value(struct_pack("f0" := "ResourceGroup", "f1" := lower("Category"))) AS "__arg1", count(*) AS "Findings" FROM "SecurityNestedRecommendation" GROUP BY "RecommendationSubscriptionId"),
"_q2" AS (SELECT "RecommendationSubscriptionId", struct_extract("__arg1", 'f0') AS "any_ResourceGroup", struct_extract("__arg1", 'f1') AS "any_arg1", "Findings" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "RecommendationSubscriptionId" ASC NULLS FIRST
