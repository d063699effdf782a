WITH "_q1" AS (SELECT "ControlName", json_array(to_json("ControlName"), to_json("MaxScore"), to_json("CurrentScore"), to_json("IsSnapshot")) AS "Arr", json_object($1, to_json("ControlName"), $2, to_json("MaxScore")) AS "Bag", json_object($3, to_json("ControlId"), $4, to_json(NULLIF(coalesce(regexp_replace(strftime("TimeGenerated", '%Y-%m-%dT%H:%M:%S.%f'), '\.?0+$', '') || 'Z', ''), ''))) AS "Old" FROM "SecureScoreControls" WHERE "IsSnapshot"),
"_q2" AS (SELECT *, CASE WHEN json_type("Bag") = 'OBJECT' THEN to_json(json_keys("Bag")) END AS "Keys", coalesce(json_extract_string("Arr", '$[0]'), '') AS "First", CASE WHEN regexp_matches(json_extract_string("Bag", '$.max'), '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(json_extract_string("Bag", '$.max') AS DOUBLE)) AS INTEGER) ELSE TRY_CAST(json_extract_string("Bag", '$.max') AS INTEGER) END AS "Max" FROM "_q1"),
"_q3" AS (SELECT * FROM "_q2" ORDER BY "ControlName" ASC NULLS FIRST, coalesce(json_extract_string("Old", '$'), '') ASC NULLS FIRST)
SELECT "ControlName", CAST("Arr" AS VARCHAR) AS "Arr", CAST("Bag" AS VARCHAR) AS "Bag", CAST("Old" AS VARCHAR) AS "Old", CAST("Keys" AS VARCHAR) AS "Keys", "First", "Max" FROM "_q3"
-- $1 = "name"
-- $2 = "max"
-- $3 = "id"
-- $4 = "when"
