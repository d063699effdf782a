WITH "_q1" AS (SELECT "CompromisedEntity", date_trunc('day', "TimeGenerated") AS "Day", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY "CompromisedEntity", date_trunc('day', "TimeGenerated")),
"_q2" AS (SELECT * FROM "_q1" WHERE "Day" = date_trunc('day', TIMESTAMP '2026-03-09 12:00:00')),
"_q3" AS (SELECT "CompromisedEntity", "Alerts" AS "Before" FROM "_q1" WHERE "Day" = date_trunc('day', TIMESTAMP '2026-03-08 12:00:00')),
"_q4" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."Day" AS "Day", "l"."Alerts" AS "Alerts", coalesce("r"."CompromisedEntity", '') AS "CompromisedEntity1", coalesce("r"."Before", CAST(0 AS BIGINT)) AS "Before" FROM "_q2" AS "l" LEFT JOIN "_q3" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity")
SELECT "CompromisedEntity", "Before", "Alerts" FROM "_q4" WHERE "Alerts" > "Before" ORDER BY "CompromisedEntity" ASC NULLS FIRST
