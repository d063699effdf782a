WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "Status" = $1 GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
-- $1 = "New"
