WITH "_q1" AS (SELECT "ControlName", unnest(coalesce(TRY_CAST(CAST("RecommendationResourceIds" AS JSON) AS JSON[]), CASE json_type("RecommendationResourceIds") WHEN 'OBJECT' THEN list_transform(json_keys("RecommendationResourceIds"), k -> json_object(k, json_extract("RecommendationResourceIds", '$."' || replace(replace(k, '\', '\\'), '"', '\"') || '"'))) ELSE ["RecommendationResourceIds"] END)) AS "RecommendationResourceIds" FROM "SecureScoreControls" WHERE "TimeGenerated" >= TIMESTAMP '2026-03-10 00:00:00'),
"_q2" AS (SELECT *, coalesce(json_extract_string(to_json(string_split(coalesce(json_extract_string("RecommendationResourceIds", '$'), ''), $1)), '$[#-1]'), '') AS "Vm" FROM "_q1"),
"_q3" AS (SELECT * FROM "_q2" ORDER BY "ControlName" ASC NULLS FIRST, "Vm" ASC NULLS FIRST)
SELECT "ControlName", CAST("RecommendationResourceIds" AS VARCHAR) AS "RecommendationResourceIds", "Vm" FROM "_q3"
-- $1 = "/"
