WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts", count(DISTINCT "AlertName") AS "Distinct" FROM "SecurityAlert" GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" WHERE "Alerts" > 5 ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
