WITH "_q1" AS (SELECT *, json_extract("RecommendationAdditionalData", '$.findings') AS "Findings" FROM "SecurityRecommendation")
SELECT count(*) AS "Rows", count(*) FILTER (WHERE "Findings" IS NULL) AS "NullFindings", count(*) FILTER (WHERE coalesce(coalesce(json_extract_string("Findings", '$'), ''), '') = '') AS "EmptyText" FROM "_q1"
