WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertSeverity" = $2 GROUP BY "CompromisedEntity"),
"_q3" AS (SELECT * FROM "_q1" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST LIMIT 2),
"_q4" AS (SELECT * FROM "_q2" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST LIMIT 2),
"_q5" AS (SELECT coalesce("l"."CompromisedEntity", '') AS "CompromisedEntity", "l"."Alerts" AS "Alerts", coalesce("r"."CompromisedEntity", '') AS "CompromisedEntity1", "r"."Alerts" AS "Alerts1" FROM "_q3" AS "l" FULL JOIN "_q4" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity"),
"_q6" AS (SELECT coalesce(NULLIF("CompromisedEntity", ''), NULLIF("CompromisedEntity1", ''), '') AS "Host", "Alerts" AS "High", "Alerts1" AS "Low" FROM "_q5")
SELECT * FROM "_q6" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Low"
