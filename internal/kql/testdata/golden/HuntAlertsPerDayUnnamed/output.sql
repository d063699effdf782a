WITH "_q1" AS (SELECT date_trunc('day', "TimeGenerated") AS "TimeGenerated", count(*) AS "Alerts", count(*) FILTER (WHERE "IsIncident") AS "Incidents" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-05 12:00:00' GROUP BY date_trunc('day', "TimeGenerated"))
SELECT * FROM "_q1" ORDER BY "TimeGenerated" ASC NULLS FIRST
