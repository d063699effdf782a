WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-10 06:00:00'),
"_q2" AS (SELECT * FROM "_q1" WHERE "AlertSeverity" = $1),
"_q3" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "_q2" GROUP BY "CompromisedEntity")
SELECT * FROM "_q3" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "High"
