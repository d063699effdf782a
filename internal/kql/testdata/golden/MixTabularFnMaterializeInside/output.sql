WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-10 00:00:00'),
"_q2" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "_q1" GROUP BY "CompromisedEntity"),
"_q3" AS (SELECT "CompromisedEntity", count(*) FILTER (WHERE "AlertSeverity" = $1) AS "High" FROM "_q1" GROUP BY "CompromisedEntity"),
"_q4" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."Alerts" AS "Alerts", "r"."High" AS "High" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity")
SELECT * FROM "_q4" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "High"
