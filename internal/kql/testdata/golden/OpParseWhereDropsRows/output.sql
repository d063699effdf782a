WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR)), (CAST($3 AS VARCHAR)), (CAST($4 AS VARCHAR))) AS _v("Line")),
"_q2" AS (SELECT "Line", CASE WHEN (CASE WHEN regexp_matches(NULLIF(regexp_extract("Line", $5, 2), ''), '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(NULLIF(regexp_extract("Line", $5, 2), '') AS DOUBLE)) AS INTEGER) ELSE TRY_CAST(NULLIF(regexp_extract("Line", $5, 2), '') AS INTEGER) END) IS NOT NULL THEN regexp_extract("Line", $5, 1) ELSE '' END AS "User", CASE WHEN (CASE WHEN regexp_matches(NULLIF(regexp_extract("Line", $5, 2), ''), '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(NULLIF(regexp_extract("Line", $5, 2), '') AS DOUBLE)) AS INTEGER) ELSE TRY_CAST(NULLIF(regexp_extract("Line", $5, 2), '') AS INTEGER) END) IS NOT NULL THEN CASE WHEN regexp_matches(NULLIF(regexp_extract("Line", $5, 2), ''), '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(NULLIF(regexp_extract("Line", $5, 2), '') AS DOUBLE)) AS INTEGER) ELSE TRY_CAST(NULLIF(regexp_extract("Line", $5, 2), '') AS INTEGER) END ELSE NULL END AS "Failed" FROM "_q1" WHERE regexp_matches("Line", $5) AND (CASE WHEN regexp_matches(NULLIF(regexp_extract("Line", $5, 2), ''), '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(NULLIF(regexp_extract("Line", $5, 2), '') AS DOUBLE)) AS INTEGER) ELSE TRY_CAST(NULLIF(regexp_extract("Line", $5, 2), '') AS INTEGER) END) IS NOT NULL)
SELECT "User", "Failed" FROM "_q2"
-- $1 = "user=alice failed=3"
-- $2 = "garbage"
-- $3 = "user=bob failed=12"
-- $4 = "user=eve failed=x"
-- $5 = "(?s)^(?:.*?)user=(.*?) failed=(-?\\d+)$"
