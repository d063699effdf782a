WITH "_q1" AS (SELECT avg("ConfidenceScore") AS "avg_ConfidenceScore" FROM "SecurityAlert" LIMIT 1),
"_q2" AS (SELECT max("TimeGenerated") AS "max_TimeGenerated" FROM "SecurityAlert" LIMIT 1),
"_q3" AS (SELECT *, CAST(round("ConfidenceScore" - (SELECT "avg_ConfidenceScore" FROM "_q1" LIMIT 1), 3) AS DOUBLE) AS "AboveBy", CAST(((epoch_us((SELECT "max_TimeGenerated" FROM "_q2" LIMIT 1)) - epoch_us("TimeGenerated")) * 10) AS DOUBLE) / 36000000000 AS "HoursBeforeNewest" FROM "SecurityAlert" WHERE "ConfidenceScore" > (SELECT "avg_ConfidenceScore" FROM "_q1" LIMIT 1))
SELECT "SystemAlertId", "AlertName", "ConfidenceScore", "AboveBy", "HoursBeforeNewest" FROM "_q3" ORDER BY "ConfidenceScore" DESC NULLS LAST, "SystemAlertId" ASC NULLS FIRST, "HoursBeforeNewest" ASC NULLS FIRST
