SELECT count(*) AS "Count" FROM "SecurityAlert" WHERE "TimeGenerated" >= TIMESTAMP '2026-03-09 12:00:00' AND "TimeGenerated" < TIMESTAMP '2026-03-10 10:00:00'
