WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("Id", $1)), '$[2]'), '') AS "Subscription" FROM "SecurityNestedRecommendation"),
"_q2" AS (SELECT "Subscription", count(*) AS "Findings" FROM "_q1" WHERE "Subscription" = "RecommendationSubscriptionId" GROUP BY "Subscription")
SELECT * FROM "_q2" ORDER BY "Subscription" ASC NULLS FIRST
-- $1 = "/"
