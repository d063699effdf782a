WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "count_" FROM "SecurityAlert" WHERE regexp_matches("CompromisedEntity", $1) GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "^vm-(web|sql)-\\d+$"
