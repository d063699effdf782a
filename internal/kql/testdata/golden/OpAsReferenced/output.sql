WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT * FROM "_q1" WHERE "Status" = $2),
"_q3" AS (SELECT "l"."SystemAlertId" AS "SystemAlertId", "l"."Status" AS "Status" FROM "_q1" AS "l" SEMI JOIN "_q2" AS "r" ON "l"."SystemAlertId" = "r"."SystemAlertId")
SELECT * FROM "_q3" ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "New"
