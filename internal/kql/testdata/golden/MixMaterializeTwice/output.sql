WITH "_q1" AS (SELECT "SystemAlertId", "CompromisedEntity", "AlertSeverity" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00'),
"_q2" AS (SELECT count(*) AS "Count" FROM "_q1" LIMIT 1),
"_q3" AS (SELECT "CompromisedEntity", count(*) AS "Alerts", count(*) FILTER (WHERE "AlertSeverity" = $1) AS "High" FROM "_q1" GROUP BY "CompromisedEntity"),
"_q4" AS (SELECT *, CAST(round((100::DOUBLE * "Alerts") / (SELECT "Count" FROM "_q2" LIMIT 1), 1) AS DOUBLE) AS "Share" FROM "_q3")
SELECT * FROM "_q4" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
-- $1 = "High"
