WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[2]'), '') AS "Sub", coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Host" FROM "SecurityRecommendation" WHERE "RecommendationState" = $2),
"_q2" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Host" FROM "SecurityNestedRecommendation"),
"_q3" AS (SELECT "l"."Sub" AS "Sub", "l"."Host" AS "Host", count(*) AS "Findings" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."Sub" = "r"."RecommendationSubscriptionId" AND "l"."Host" = "r"."Host" GROUP BY "l"."Sub", "l"."Host")
SELECT * FROM "_q3" ORDER BY "Sub" ASC NULLS FIRST, "Host" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "Unhealthy"
