WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts", count(DISTINCT "AlertType") AS "Kinds" FROM "SecurityAlert" GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" WHERE "Alerts" > 1 ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
