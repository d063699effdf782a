WITH "_q1" AS (SELECT "Id", coalesce(json_extract_string("ResourceDetails", '$.source'), '') AS "Resource_source", coalesce(json_extract_string("ResourceDetails", '$.id'), '') AS "Resource_id" FROM "SecurityNestedRecommendation"),
"_q2" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("Resource_id", $1)), '$[8]'), '') AS "Machine" FROM "_q1"),
"_q3" AS (SELECT "Resource_source", "Machine", count(*) AS "Findings" FROM "_q2" GROUP BY "Resource_source", "Machine")
SELECT * FROM "_q3" ORDER BY "Findings" DESC NULLS LAST, "Machine" ASC NULLS FIRST
-- $1 = "/"
