WITH "_q1" AS (SELECT *, regexp_matches("AlertName", $1) AS "HasSql", contains(lower("AlertName"), $2) AS "ContainsSql", regexp_matches("AlertName", $3) AS "HasCsSql" FROM "SecurityAlert"),
"_q2" AS (SELECT "HasSql", "ContainsSql", "HasCsSql", count(*) AS "Alerts" FROM "_q1" GROUP BY "HasSql", "ContainsSql", "HasCsSql")
SELECT * FROM "_q2" ORDER BY "HasSql" ASC NULLS FIRST, "ContainsSql" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])SQL($|[^\\pL\\pN])"
-- $2 = "sql"
-- $3 = "(^|[^\\pL\\pN])sql($|[^\\pL\\pN])"
