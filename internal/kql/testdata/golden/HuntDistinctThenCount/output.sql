WITH "_q1" AS (SELECT DISTINCT "CompromisedEntity", "AlertName" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00')
SELECT count(*) AS "Count" FROM "_q1"
