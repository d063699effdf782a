WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR)), (CAST($3 AS VARCHAR)), (CAST($4 AS VARCHAR))) AS _v("Name")),
"_q2" AS (SELECT *, lower("Name") AS "Lower", upper("Name") AS "Upper", lower("Name") = $2 AS "Matches" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "Name" ASC NULLS FIRST
-- $1 = "ÜBERWACHUNG"
-- $2 = "überwachung"
-- $3 = "Sécurité"
-- $4 = "ÉTÉ"
