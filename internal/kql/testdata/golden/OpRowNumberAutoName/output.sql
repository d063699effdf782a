WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR)), (CAST($3 AS VARCHAR))) AS _v("A"))
SELECT *, CAST(row_number() OVER () AS BIGINT) AS "Column1" FROM "_q1"
-- $1 = "x"
-- $2 = "y"
-- $3 = "z"
