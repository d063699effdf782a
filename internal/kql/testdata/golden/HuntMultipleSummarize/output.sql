WITH "_q1" AS (SELECT "CompromisedEntity", "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY "CompromisedEntity", "AlertSeverity"),
"_q2" AS (SELECT "CompromisedEntity", count(DISTINCT "AlertSeverity") AS "Severities", max("Alerts") AS "MaxAlerts", CAST(sum("Alerts") AS BIGINT) AS "Total" FROM "_q1" GROUP BY "CompromisedEntity"),
"_q3" AS (SELECT "Severities", count(*) AS "Hosts", CAST(sum("Total") AS BIGINT) AS "Alerts" FROM "_q2" GROUP BY "Severities")
SELECT * FROM "_q3" ORDER BY "Severities" ASC NULLS FIRST
