WITH "_q1" AS (SELECT "AlertSeverity" AS "Alert severity", count(*) AS "Count of alerts", count(DISTINCT "CompromisedEntity") AS "Distinct hosts" FROM "SecurityAlert" GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "Count of alerts" DESC NULLS LAST, "Alert severity" ASC NULLS FIRST
