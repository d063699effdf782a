WITH "_q1" AS (SELECT "CompromisedEntity", "AlertSeverity", count(*) AS "N" FROM "SecurityAlert" GROUP BY "CompromisedEntity", "AlertSeverity"),
"_q2" AS (SELECT "CompromisedEntity", CAST(sum("N") AS BIGINT) AS "Total" FROM "_q1" GROUP BY "CompromisedEntity"),
"_q3" AS (SELECT * FROM "_q2" WHERE "Total" > 5),
"_q4" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."AlertSeverity" AS "AlertSeverity", "l"."N" AS "N", "r"."Total" AS "Total" FROM "_q1" AS "l" JOIN "_q3" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity")
SELECT * FROM "_q4" ORDER BY "CompromisedEntity" ASC NULLS FIRST, "AlertSeverity" ASC NULLS FIRST
