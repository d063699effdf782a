WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertSeverity" = $2 GROUP BY "CompromisedEntity"),
"_q3" AS (SELECT "CompromisedEntity", "Alerts", $1 AS "Severity" FROM "_q1" UNION ALL SELECT "CompromisedEntity", "Alerts", $2 AS "Severity" FROM "_q2"),
"_q4" AS (SELECT DISTINCT "CompromisedEntity" FROM "SecurityAlert" WHERE "IsIncident"),
"_q5" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertSeverity" = $3 GROUP BY "CompromisedEntity"),
"_q6" AS (SELECT * FROM "_q3" WHERE "CompromisedEntity" IN (SELECT "CompromisedEntity" FROM "_q4" WHERE "CompromisedEntity" IS NOT NULL)),
"_q7" AS (SELECT "CompromisedEntity", "Alerts" AS "Low" FROM "_q5"),
"_q8" AS (SELECT count(*) AS "Count" FROM "SecurityAlert" LIMIT 1),
"_q9" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."Alerts" AS "Alerts", "l"."Severity" AS "Severity", coalesce("r"."CompromisedEntity", '') AS "CompromisedEntity1", "r"."Low" AS "Low", CAST(round((100::DOUBLE * "l"."Alerts") / (SELECT "Count" FROM "_q8" LIMIT 1), 1) AS DOUBLE) AS "Share" FROM "_q6" AS "l" LEFT JOIN "_q7" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity")
SELECT "CompromisedEntity", "Severity", "Alerts", "Low", "Share" FROM "_q9" ORDER BY "CompromisedEntity" ASC NULLS FIRST, "Severity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "Low"
