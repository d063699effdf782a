WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR)), (CAST($3 AS VARCHAR))) AS _v("A")),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1")
SELECT "A", CAST("_serial" AS BIGINT) AS "Column1" FROM "_q2" ORDER BY "_serial"
-- $1 = "x"
-- $2 = "y"
-- $3 = "z"
