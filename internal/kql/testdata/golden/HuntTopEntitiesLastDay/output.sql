WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00' GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" ORDER BY "Alerts" DESC NULLS LAST LIMIT 3
