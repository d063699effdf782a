WITH "_q1" AS (SELECT $1 AS "Workspace", CAST(6048000000000 AS BIGINT) AS "Lookback", CAST(2 * 3 AS BIGINT) AS "print_2", length($2) AS "print_3", TIMESTAMP '2026-03-09 12:00:00' AS "Since" FROM (SELECT 1) AS "_one")
SELECT * FROM "_q1"
-- $1 = "demo"
-- $2 = "abc"
