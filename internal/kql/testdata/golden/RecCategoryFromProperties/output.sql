WITH "_q1" AS (SELECT *, nullif(json_extract("Properties", '$.metadata.categories'), 'null') AS "Categories" FROM "SecurityRecommendation"),
"_q2" AS (SELECT DISTINCT "RecommendationDisplayName" FROM "_q1" WHERE regexp_matches(coalesce(json_extract_string("Categories", '$'), ''), $1))
SELECT * FROM "_q2" ORDER BY "RecommendationDisplayName" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])Compute($|[^\\pL\\pN])"
