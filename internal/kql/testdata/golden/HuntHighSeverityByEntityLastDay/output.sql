WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts", min("TimeGenerated") AS "FirstSeen", max("TimeGenerated") AS "LastSeen" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00' AND "AlertSeverity" = $1 GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
-- $1 = "High"
