WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-08 12:00:00'),
"_q2" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "_q1" WHERE "AlertSeverity" = $1 GROUP BY "CompromisedEntity")
SELECT * FROM "_q2" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
-- $1 = "Medium"
