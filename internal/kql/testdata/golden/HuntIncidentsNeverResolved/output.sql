WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "IsIncident"),
"_q2" AS (SELECT * FROM "SecurityAlert" WHERE "Status" = $1),
"_q3" AS (SELECT "l"."SystemAlertId" AS "SystemAlertId", "l"."AlertName" AS "AlertName", "l"."Status" AS "Status" FROM "_q1" AS "l" ANTI JOIN "_q2" AS "r" ON "l"."SystemAlertId" = "r"."SystemAlertId")
SELECT * FROM "_q3" ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "Resolved"
