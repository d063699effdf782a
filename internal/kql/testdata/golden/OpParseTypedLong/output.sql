WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR)), (CAST($3 AS VARCHAR)), (CAST($4 AS VARCHAR))) AS _v("Line")),
"_q2" AS (SELECT "Line", regexp_extract("Line", $5, 1) AS "User", CASE WHEN regexp_matches(NULLIF(regexp_extract("Line", $5, 2), ''), '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(NULLIF(regexp_extract("Line", $5, 2), '') AS DOUBLE)) AS BIGINT) ELSE TRY_CAST(NULLIF(regexp_extract("Line", $5, 2), '') AS BIGINT) END AS "Failed", TRY_CAST(NULLIF(regexp_extract("Line", $5, 3), '') AS DOUBLE) AS "Ratio" FROM "_q1")
SELECT "User", "Failed", "Ratio" FROM "_q2"
-- $1 = "user=alice failed=3 ratio=0.5"
-- $2 = "user=bob failed=12 ratio=1.25"
-- $3 = "garbage"
-- $4 = "user=eve failed=x ratio=2"
-- $5 = "(?s)^user=(.*?) failed=(-?\\d+) ratio=(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)$"
