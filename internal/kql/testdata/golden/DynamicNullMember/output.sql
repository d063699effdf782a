WITH "_q1" AS (SELECT *, nullif(json_extract("RecommendationAdditionalData", '$.findings'), 'null') AS "Findings" FROM "SecurityRecommendation")
SELECT count(*) AS "Rows", count(*) FILTER (WHERE json_extract_string("Findings", '$') IS NULL) AS "NullFindings", count(*) FILTER (WHERE coalesce(coalesce(json_extract_string("Findings", '$'), ''), '') = '') AS "EmptyText" FROM "_q1"
