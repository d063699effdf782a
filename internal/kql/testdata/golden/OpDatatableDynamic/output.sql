WITH "_q1" AS (SELECT * FROM (VALUES (CAST(CAST(1 AS BIGINT) AS BIGINT), CAST(CAST($1 AS JSON) AS JSON)), (CAST(CAST(2 AS BIGINT) AS BIGINT), CAST(CAST($2 AS JSON) AS JSON))) AS _v("Id", "Tags")),
"_q2" AS (SELECT "Id", "Tags", unnest(coalesce(TRY_CAST(CAST("Tags" AS JSON) AS JSON[]), CASE json_type("Tags") WHEN 'OBJECT' THEN list_transform(json_keys("Tags"), k -> json_object(k, json_extract("Tags", '$."' || replace(replace(k, '\', '\\'), '"', '\"') || '"'))) ELSE ["Tags"] END)) AS "Tag" FROM "_q1")
SELECT "Id", CAST("Tag" AS VARCHAR) AS "Tag" FROM "_q2"
-- $1 = "[\"a\",\"b\"]"
-- $2 = "[]"
