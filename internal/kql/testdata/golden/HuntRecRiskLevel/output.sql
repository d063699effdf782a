WITH "_q1" AS (SELECT *, CASE WHEN regexp_matches(json_extract_string("Properties", '$.riskLevel'), '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(json_extract_string("Properties", '$.riskLevel') AS DOUBLE)) AS INTEGER) ELSE TRY_CAST(json_extract_string("Properties", '$.riskLevel') AS INTEGER) END AS "Risk" FROM "SecurityRecommendation"),
"_q2" AS (SELECT "RecommendationSeverity", avg("Risk") AS "AvgRisk", max("Risk") AS "MaxRisk" FROM "_q1" GROUP BY "RecommendationSeverity")
SELECT * FROM "_q2" ORDER BY "RecommendationSeverity" ASC NULLS FIRST
