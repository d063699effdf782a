WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT "CompromisedEntity", count(*) AS "N" FROM "_q1" GROUP BY "CompromisedEntity"),
"_q3" AS (SELECT max("r"."N") AS "Busiest", count(*) AS "Alerts" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity"),
"_q4" AS (SELECT * FROM "SecurityAlert" WHERE "AlertSeverity" = $2),
"_q5" AS (SELECT "CompromisedEntity", count(*) AS "N" FROM "_q4" GROUP BY "CompromisedEntity"),
"_q6" AS (SELECT max("r"."N") AS "Busiest", count(*) AS "Alerts" FROM "_q4" AS "l" JOIN "_q5" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity"),
"_q7" AS (SELECT "Busiest", "Alerts", $1 AS "Severity" FROM "_q3" UNION ALL SELECT "Busiest", "Alerts", $2 AS "Severity" FROM "_q6")
SELECT * FROM "_q7" ORDER BY "Severity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Low"
