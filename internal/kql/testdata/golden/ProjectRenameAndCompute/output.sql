WITH "_q1" AS (SELECT "TimeGenerated" AS "When", "AlertName" AS "Name", upper("AlertSeverity") AS "Sev", CAST(((epoch_us(TIMESTAMP '2026-03-10 12:00:00') - epoch_us("TimeGenerated")) * 10) AS DOUBLE) / 36000000000 AS "Hours" FROM "SecurityAlert")
SELECT * FROM "_q1" ORDER BY "When" DESC NULLS LAST LIMIT 4
