WITH "_q1" AS (SELECT "CompromisedEntity", count(*) FILTER (WHERE "AlertSeverity" = $1) AS "HighAlerts", count(*) AS "Total" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT * FROM "_q1" WHERE "HighAlerts" >= 2),
"_q3" AS (SELECT "CompromisedEntity", max("TimeGenerated") AS "LastIncident" FROM "SecurityAlert" WHERE "IsIncident" GROUP BY "CompromisedEntity"),
"_q4" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."HighAlerts" AS "HighAlerts", "l"."Total" AS "Total", "r"."LastIncident" AS "LastIncident" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity")
SELECT * FROM "_q4" ORDER BY "LastIncident" DESC NULLS LAST
-- $1 = "High"
