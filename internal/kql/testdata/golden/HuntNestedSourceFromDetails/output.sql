WITH "_q1" AS (SELECT *, coalesce(json_extract_string("ResourceDetails", '$.source'), '') AS "Source", coalesce(json_extract_string("ResourceDetails", '$.id'), '') AS "DetailsId" FROM "SecurityNestedRecommendation")
SELECT "Source", count(*) AS "Rows" FROM "_q1" WHERE lower("DetailsId") = lower("AssessedResourceId") GROUP BY "Source"
