WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00'),
"_q2" AS (SELECT "AlertSeverity", count(*) AS "LastTwoDays" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-08 12:00:00' GROUP BY "AlertSeverity"),
"_q3" AS (SELECT "AlertSeverity", count(*) AS "LastDay" FROM "_q1" GROUP BY "AlertSeverity"),
"_q4" AS (SELECT "l"."AlertSeverity" AS "AlertSeverity", "l"."LastTwoDays" AS "LastTwoDays", "r"."LastDay" AS "LastDay" FROM "_q2" AS "l" LEFT JOIN "_q3" AS "r" ON "l"."AlertSeverity" = "r"."AlertSeverity")
SELECT * FROM "_q4" ORDER BY "AlertSeverity" ASC NULLS FIRST
