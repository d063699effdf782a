WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "n" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT *, concat(upper("CompromisedEntity"), $1, $2) AS "Tag" FROM "_q1" WHERE "n" >= 5)
SELECT * FROM "_q2" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = ":"
-- $2 = "noisy"
